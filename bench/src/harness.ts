import { createServer } from 'node:net';
import { GraphClient } from '@erp/app/seed';
import pg from 'pg';
import { startNode, type Child } from './processes.js';

export const ROOT = new URL('../../', import.meta.url).pathname;
export const BENCH_SECRET = 'bench-router-secret';
export const BENCH_ADMIN = { email: 'bench-admin@erp.local', password: 'bench-admin-password' };
const ADMIN_URL = process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export const log = (message: string) => process.stderr.write(`▸ ${message}\n`);

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function untilHealthy(url: string): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    if (await fetch(url).then((r) => r.status < 500, () => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} never answered`);
}

export interface BenchPlatform {
  /** The all-in-one process: its own router plus every subgraph. */
  process: Child;
  databaseUrl: string;
  routerUrl: string;
  subgraphUrls: Record<string, string>;
  graph: GraphClient;
  login(): Promise<string>;
  /** The SQL statements the subgraphs ran, per subgraph, while `fn` ran. */
  countStatements<T>(fn: () => Promise<T>): Promise<{ result: T; statements: Record<string, number> }>;
  /** Stops every process it started and drops the database. */
  stop(): Promise<void>;
  children: Child[];
}

/** A fresh database and the platform's subgraphs on it (bench/dist/platform-process.js), each on a free port. */
export async function startBenchPlatform(env: Record<string, string> = {}): Promise<BenchPlatform> {
  const database = `erp_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database "${database}"`);
  const databaseUrl = Object.assign(new URL(ADMIN_URL), { pathname: `/${database}` }).toString();
  const children: Child[] = [];
  const stop = async () => {
    for (const child of children.reverse()) await child.stop();
    await admin.query(`drop database if exists "${database}" with (force)`);
    await admin.end();
  };
  try {
    log(`database ${database}; starting the subgraphs…`);
    const platform = await startNode(`${ROOT}bench/dist/platform-process.js`, {
      DATABASE_URL: databaseUrl, ROUTER_SECRET: BENCH_SECRET, ADMIN_EMAIL: BENCH_ADMIN.email, ADMIN_PASSWORD: BENCH_ADMIN.password, ...env,
    }, /Try it:/);
    children.push(platform);
    const routerUrl = /The ERP graph is ready: (\S+)/.exec(platform.output())![1]!;
    const subgraphUrls = Object.fromEntries([...platform.output().matchAll(/subgraph (\w+)\s+(\S+)\/graphql/g)].map((m) => [m[1]!, m[2]!]));
    const controlUrl = /bench control: (\S+)/.exec(platform.output())![1]!;
    const graph = new GraphClient(routerUrl);
    const login = () => graph.accessToken(BENCH_ADMIN);
    const countStatements = async <T>(fn: () => Promise<T>) => {
      await fetch(`${controlUrl}/count/start`, { method: 'POST' }).then((r) => r.text());
      const result = await fn();
      const statements = (await fetch(`${controlUrl}/count/stop`, { method: 'POST' }).then((r) => r.json())) as Record<string, number>;
      return { result, statements };
    };
    return { process: platform, databaseUrl, routerUrl, subgraphUrls, graph, login, countStatements, stop, children };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Router settings that price every operation as in production (`extensions.cost`, buckets taken and refunded) with
 * buckets no caller can empty: a benchmark measures throughput, not throttling.
 */
export const UNTHROTTLED = { ROUTER_COST_BUCKET_SIZE: '1000000000', ROUTER_COST_RESTORE_RATE: '1000000000' };

/** Starts a gateway script (ours or a competitor's) against the platform's subgraphs on a free port. */
export async function startGateway(platform: BenchPlatform, script: string, env: Record<string, string> = {}): Promise<{ child: Child; url: string }> {
  const port = await freePort();
  const child = await startNode(script, {
    ...env, PORT: String(port), ROUTER_SECRET: BENCH_SECRET, SUPERGRAPH_PATH: `${ROOT}schema/supergraph.graphql`, SUBGRAPH_URLS: JSON.stringify(platform.subgraphUrls),
    ...Object.fromEntries(Object.entries(platform.subgraphUrls).map(([name, url]) => [`${name.toUpperCase()}_SUBGRAPH_URL`, url])),
  }, null);
  platform.children.push(child);
  await untilHealthy(`http://127.0.0.1:${port}/graphql?query=%7B__typename%7D`);
  return { child, url: `http://127.0.0.1:${port}/graphql` };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
