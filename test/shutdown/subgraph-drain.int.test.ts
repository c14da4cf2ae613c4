import { randomUUID } from 'node:crypto';
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Caller } from '@erp/platform';
import { CreateProductDocument, ProductsDocument } from '../generated/graphql.js';
import { TEST_ROUTER_SECRET } from '../support/constants.js';
import { createFileDatabase, sql } from '../support/database.js';
import { eventually } from '../support/eventually.js';
import { logRecords, probe, probeUntil, startServerProcess, type ServerProcess } from '../support/server-process.js';
import { sendSigned, type SignedAnswer } from '../support/signed-request.js';
import { lockTable } from '../support/table-lock.js';

/**
 * A subgraph run as its own process, as production deploys it, stopped with SIGTERM while requests wait on a table the
 * test has locked: they are in flight for exactly as long as the test holds the lock.
 */
const CATALOG = 'subgraphs/catalog/dist/server.js';
const admin: Caller = { kind: 'user', userId: randomUUID(), roles: ['admin'] };

let databaseUrl = '';
let dropDatabase: (() => Promise<void>) | null = null;
const running: ServerProcess[] = [];

beforeAll(async () => {
  ({ databaseUrl, drop: dropDatabase } = await createFileDatabase(`${inject('templateDatabase')}_${randomUUID().slice(0, 8)}`));
});
afterAll(async () => {
  for (const server of running) if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
  await dropDatabase?.();
});

async function startCatalog(env: Record<string, string>): Promise<ServerProcess> {
  // A pool large enough that every request reaches PostgreSQL, where the test sees it wait.
  const server = await startServerProcess(CATALOG, { DATABASE_URL: databaseUrl, ROUTER_SECRET: TEST_ROUTER_SECRET, DATABASE_POOL_SIZE: '24', ...env });
  running.push(server);
  return server;
}

type Answer = SignedAnswer;

/** A request as the router sends it: signed for the caller and the request id. */
const send = (subgraph: ServerProcess, query: string, variables: Record<string, unknown>): Promise<Answer> => sendSigned(subgraph.url, admin, query, variables);

const createProduct = (subgraph: ServerProcess, sku: string) =>
  send(subgraph, print(CreateProductDocument), { input: { sku, name: `Product ${sku}`, price: '9.99', currency: 'EUR', taxRate: '20' } });

async function skusIn(prefix: string): Promise<string[]> {
  const rows = await sql<{ sku: string }>('select sku from catalog.product where sku like $1 order by sku', [`${prefix}%`]);
  return rows.map((row) => row.sku);
}

describe('SIGTERM to a subgraph process', () => {
  it('answers the 20 requests in flight, writes included, with /ready 503 and no new connections meanwhile, then exits 0', async () => {
    const catalog = await startCatalog({ SHUTDOWN_READY_GRACE_MS: '500' });
    expect(await probe(`${catalog.url}/ready`)).toBe(200);
    const prefix = `DRAIN-${randomUUID().slice(0, 8).toUpperCase()}-`;
    const skus = Array.from({ length: 10 }, (_, i) => `${prefix}${String(i).padStart(2, '0')}`);

    const lock = await lockTable('catalog.product');
    let requests: Promise<PromiseSettledResult<Answer>[]>;
    let answeredDuringDrain = 0;
    try {
      const sent = [
        ...skus.map((sku) => createProduct(catalog, sku)),
        ...Array.from({ length: 10 }, (_, i) => send(catalog, print(ProductsDocument), { first: i + 1, filter: { search: prefix } })),
      ];
      for (const request of sent) void request.then(() => (answeredDuringDrain += 1), () => undefined);
      requests = Promise.allSettled(sent);
      expect(await eventually(() => lock.waiting(), (waiting) => waiting === 20, 10_000)).toBe(20);

      catalog.child.kill('SIGTERM');
      await eventually(() => catalog.output(), (output) => output.includes('SIGTERM: stopping'), 5_000);
      // Still listening for the ready grace, and saying it is not ready…
      expect(await probe(`${catalog.url}/ready`)).toBe(503);
      // …then no new connection is accepted (a probe racing the listener's close may be reset first: probe again), while all 20 requests are still waiting.
      expect(await probeUntil(`${catalog.url}/ready`, (answer) => answer === 'ECONNREFUSED')).toBe('ECONNREFUSED');
      expect(answeredDuringDrain).toBe(0);
      expect(catalog.child.exitCode).toBeNull();
    } finally {
      await lock.release();
    }

    const results = await requests;
    const exit = await catalog.exited;
    expect(results.map((result) => result.status)).toEqual(Array(20).fill('fulfilled'));
    const answers = results.map((result) => (result as PromiseFulfilledResult<Answer>).value);
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.body.errors).toBeUndefined();
    }
    expect(answers.slice(0, 10).map((answer) => (answer.body.data!.createProduct as { sku: string }).sku)).toEqual(skus);
    // Every write it answered is committed, and nothing else was written.
    expect(await skusIn(prefix)).toEqual(skus);

    expect(exit.code).toBe(0);
    expect(exit.at).toBeGreaterThanOrEqual(Math.max(...answers.map((answer) => answer.at)));
    const [drained] = logRecords(catalog.output(), 'HTTP drained');
    expect(drained, catalog.output()).toMatchObject({ cut: 0 });
    expect(drained!.answered as number).toBeGreaterThanOrEqual(20);
  }, 30_000);

  it('cuts what is still unanswered at the drain bound and exits; that write is not committed', async () => {
    const catalog = await startCatalog({ SHUTDOWN_DRAIN_MS: '800' });
    const sku = `CUT-${randomUUID().slice(0, 8).toUpperCase()}`;

    const lock = await lockTable('catalog.product');
    let outcome: PromiseSettledResult<Answer>[];
    let exit: Awaited<ServerProcess['exited']>;
    const signalled = Date.now();
    try {
      const write = Promise.allSettled([createProduct(catalog, sku)]);
      expect(await eventually(() => lock.waiting(), (waiting) => waiting === 1, 10_000)).toBe(1);
      catalog.child.kill('SIGTERM');
      outcome = await write;
      exit = await catalog.exited;
    } finally {
      await lock.release();
    }

    expect(outcome[0]!.status).toBe('rejected');
    expect(exit.code).toBe(0);
    expect(exit.at - signalled).toBeLessThan(8_000);
    expect(logRecords(catalog.output(), 'drain bound reached: requests still unanswered were cut')[0]).toMatchObject({ cut: 1 });
    expect(await skusIn(sku)).toEqual([]);
  }, 30_000);
});
