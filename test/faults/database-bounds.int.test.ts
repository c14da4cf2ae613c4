import { randomUUID } from 'node:crypto';
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Caller } from '@erp/platform';
import { CreateProductDocument, ProductsDocument } from '../generated/graphql.js';
import { TEST_ROUTER_SECRET } from '../support/constants.js';
import { createFileDatabase, sql } from '../support/database.js';
import { eventually } from '../support/eventually.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';
import { sendSigned, type SignedAnswer } from '../support/signed-request.js';
import { lockTable } from '../support/table-lock.js';

/**
 * A subgraph process whose database does not answer (a table held locked by the test): no request waits longer than
 * the statement timeout or, with every pooled connection taken, the pool-acquire timeout; each answers
 * SUBGRAPH_UNAVAILABLE naming the subgraph, retryable, and a write that timed out left nothing behind.
 */
const CATALOG = 'subgraphs/catalog/dist/server.js';
const admin: Caller = { kind: 'user', userId: randomUUID(), roles: ['admin'] };

let catalog: ServerProcess;
let dropDatabase: (() => Promise<void>) | null = null;

beforeAll(async () => {
  const { databaseUrl, drop } = await createFileDatabase(`${inject('templateDatabase')}_${randomUUID().slice(0, 8)}`);
  dropDatabase = drop;
  catalog = await startServerProcess(CATALOG, {
    DATABASE_URL: databaseUrl,
    ROUTER_SECRET: TEST_ROUTER_SECRET,
    DATABASE_POOL_SIZE: '1',
    DATABASE_STATEMENT_TIMEOUT_MS: '700',
    DATABASE_ACQUIRE_TIMEOUT_MS: '300',
  });
}, 30_000);
afterAll(async () => {
  catalog?.child.kill('SIGKILL');
  await dropDatabase?.();
});

type Answer = SignedAnswer & { tookMs: number };

async function send(query: string, variables: Record<string, unknown>): Promise<Answer> {
  const started = Date.now();
  const answer = await sendSigned(catalog.url, admin, query, variables);
  return { ...answer, tookMs: answer.at - started };
}

describe('a subgraph whose database does not answer', () => {
  it('cancels a statement past the statement timeout and fails fast when no pooled connection frees up, both retryable and naming the subgraph', async () => {
    const sku = `SLOW-${randomUUID().slice(0, 8).toUpperCase()}`;
    const lock = await lockTable('catalog.product');
    let write: Answer;
    let read: Answer;
    try {
      const writing = send(print(CreateProductDocument), { input: { sku, name: 'Slow', price: '1.00', currency: 'EUR', taxRate: '20' } });
      // The one pooled connection is now waiting on the lock: the read finds none free.
      await eventually(() => lock.waiting(), (waiting) => waiting === 1, 5_000);
      read = await send(print(ProductsDocument), { first: 5 });
      write = await writing;
    } finally {
      await lock.release();
    }

    for (const answer of [write, read]) {
      expect(answer.body.errors?.[0]?.extensions, JSON.stringify(answer.body)).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'catalog', retryable: true });
      expect(answer.tookMs).toBeLessThan(3_000);
    }
    expect(write.body.errors![0]!.message).toContain('did not answer in time');
    expect(read.body.errors![0]!.message).toContain('no database connection was free in time');
    expect(await sql('select 1 from catalog.product where sku = $1', [sku])).toEqual([]);

    // Once the database answers again, so does the subgraph.
    const after = await send(print(ProductsDocument), { first: 5 });
    expect(after.body.errors).toBeUndefined();
  }, 30_000);
});
