import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { LoginDocument } from '../generated/graphql.js';
import { GraphQLClient } from './client.js';
import { TEST_ADMIN, TEST_REDIS_URL, TEST_ROUTER_SECRET } from './constants.js';
import { createFileDatabase } from './database.js';
import { freePort, startServerProcess, type ServerProcess } from './server-process.js';

export const SUBGRAPHS = ['identity', 'crm', 'catalog', 'inventory', 'sales', 'billing', 'notifications'] as const;
export type SubgraphName = (typeof SUBGRAPHS)[number];

export interface ProcessPlatform {
  router: ServerProcess;
  subgraphs: Record<SubgraphName, ServerProcess>;
  /** The URL each subgraph listens on (kept across restarts). */
  urls: Record<SubgraphName, string>;
  databaseUrl: string;
  admin: GraphQLClient;
  /** Starts a subgraph again on its port (after the test killed it), and waits until it is ready. */
  restart(name: SubgraphName): Promise<ServerProcess>;
  /** Starts one more instance of a subgraph, on another port, beside the one the router uses. */
  another(name: SubgraphName): Promise<ServerProcess>;
  stop(): Promise<void>;
}

export interface ProcessPlatformOptions {
  /** Environment of every subgraph process. */
  subgraphEnv?: Record<string, string>;
  /** Environment of the router process. */
  routerEnv?: Record<string, string>;
}

/**
 * The platform as production runs it: each subgraph and the router a process of its own (their built `dist/`
 * entry points), events through BullMQ and live events through Redis pub/sub (under a key prefix of this run), on a
 * database of the file's own, the router with NODE_ENV=production. For fault tests: a process can be killed, stopped
 * (SIGSTOP) or started again.
 */
export async function startProcessPlatform(options: ProcessPlatformOptions = {}): Promise<ProcessPlatform> {
  const { databaseUrl, drop } = await createFileDatabase(`${inject('templateDatabase')}_${randomUUID().slice(0, 8)}`);
  const ports = Object.fromEntries(await Promise.all(SUBGRAPHS.map(async (name) => [name, await freePort()] as const))) as Record<SubgraphName, number>;
  const urls = Object.fromEntries(SUBGRAPHS.map((name) => [name, `http://127.0.0.1:${ports[name]}`])) as Record<SubgraphName, string>;
  const subgraphUrlEnv = Object.fromEntries(SUBGRAPHS.map((name) => [`${name.toUpperCase()}_SUBGRAPH_URL`, urls[name]]));
  const redis = { REDIS_URL: TEST_REDIS_URL, EVENT_PREFIX: `erp-test-${randomUUID().slice(0, 8)}` };
  const subgraphEnv = {
    DATABASE_URL: databaseUrl,
    ROUTER_SECRET: TEST_ROUTER_SECRET,
    ...redis,
    DATABASE_POOL_SIZE: '3',
    ADMIN_EMAIL: TEST_ADMIN.email,
    ADMIN_PASSWORD: TEST_ADMIN.password,
    SHUTDOWN_DRAIN_MS: '2000',
    ...subgraphUrlEnv,
    ...options.subgraphEnv,
  };
  const everyProcess: ServerProcess[] = [];
  const start = async (name: SubgraphName, port?: number) => {
    const started = await startServerProcess(`subgraphs/${name}/dist/server.js`, subgraphEnv, 60_000, port);
    everyProcess.push(started);
    return started;
  };
  const stopAll = async () => {
    for (const running of everyProcess) if (running.child.exitCode === null && running.child.signalCode === null) running.child.kill('SIGKILL');
    await Promise.all(everyProcess.map((running) => running.exited));
  };
  try {
    const subgraphs = Object.fromEntries(await Promise.all(SUBGRAPHS.map(async (name) => [name, await start(name, ports[name])] as const))) as Record<SubgraphName, ServerProcess>;
    const router = await startServerProcess('router/dist/main.js', { ROUTER_SECRET: TEST_ROUTER_SECRET, NODE_ENV: 'production', ...redis, ...subgraphUrlEnv, ...options.routerEnv }, 60_000);
    everyProcess.push(router);
    const anonymous = new GraphQLClient(`${router.url}/graphql`);
    const login = await anonymous.data(LoginDocument, TEST_ADMIN);
    return {
      router,
      subgraphs,
      urls,
      databaseUrl,
      admin: anonymous.withToken(login.login.accessToken),
      restart: async (name) => (subgraphs[name] = await start(name, ports[name])),
      another: (name) => start(name),
      stop: async () => {
        await stopAll();
        await drop();
      },
    };
  } catch (error) {
    await stopAll();
    await drop();
    throw error;
  }
}
