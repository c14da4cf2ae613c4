import { randomUUID } from 'node:crypto';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CreateProductDocument, OrderPlacedFeedDocument, ProductsDocument } from '../generated/graphql.js';
import { GraphQLClient, type GraphQLResponse } from '../support/client.js';
import { TEST_ROUTER_SECRET } from '../support/constants.js';
import { sql } from '../support/database.js';
import { eventually } from '../support/eventually.js';
import { useTestPlatform } from '../support/platform.js';
import { logRecords, probe, probeUntil, startServerProcess, type ServerProcess } from '../support/server-process.js';
import { subscribe } from '../support/subscriptions.js';
import { lockTable } from '../support/table-lock.js';

/**
 * The router run as its own process, as production deploys it, in front of this file's subgraphs; stopped with
 * SIGTERM while 20 requests wait in catalog on a table the test has locked.
 */
const t = useTestPlatform();
let router: ServerProcess;
let admin: GraphQLClient;
let socket: Client | null = null;

beforeAll(async () => {
  const subgraphUrls = Object.fromEntries(Object.values(t.platform.subgraphs).map((subgraph) => [`${subgraph.name.toUpperCase()}_SUBGRAPH_URL`, subgraph.url]));
  router = await startServerProcess('router/dist/main.js', { ROUTER_SECRET: TEST_ROUTER_SECRET, SHUTDOWN_READY_GRACE_MS: '500', ...subgraphUrls });
  admin = new GraphQLClient(`${router.url}/graphql`, t.admin.headers);
}, 60_000);
afterAll(async () => {
  await socket?.dispose();
  if (router && router.child.exitCode === null && router.child.signalCode === null) router.child.kill('SIGKILL');
});

describe('SIGTERM to the router process', () => {
  it('answers the 20 requests in flight, then closes subscription sockets with 1001 Going away and exits 0', async () => {
    const prefix = `ROUTED-${randomUUID().slice(0, 8).toUpperCase()}-`;
    const skus = Array.from({ length: 10 }, (_, i) => `${prefix}${String(i).padStart(2, '0')}`);
    // Verifies the token (the router fetches identity's keys) before anything waits.
    expect((await admin.send(ProductsDocument, { first: 1 })).errors).toBeUndefined();

    const closes: { code: number; reason: string }[] = [];
    let connected!: () => void;
    const acknowledged = new Promise<void>((resolve) => (connected = resolve));
    socket = createClient({
      url: `${router.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { Authorization: t.admin.headers.authorization! },
      retryAttempts: 0,
      lazy: true,
      on: { connected: () => connected(), closed: (event) => closes.push(event as { code: number; reason: string }) },
    });
    const feed = subscribe(socket, OrderPlacedFeedDocument);
    await acknowledged;

    // Every request the router forwards to catalog is counted there: all 20 have reached it before the signal.
    let forwarded = 0;
    t.platform.subgraphs.catalog!.server.on('request', (req) => req.url?.startsWith('/graphql') && (forwarded += 1));
    const lock = await lockTable('catalog.product');
    let requests: Promise<PromiseSettledResult<GraphQLResponse<unknown> & { at: number }>[]>;
    let answeredDuringDrain = 0;
    try {
      const sent = [
        ...skus.map((sku) => admin.send(CreateProductDocument, { input: { sku, name: `Product ${sku}`, price: '9.99', currency: 'EUR', taxRate: '20' } })),
        ...Array.from({ length: 10 }, (_, i) => admin.send(ProductsDocument, { first: i + 1, filter: { search: prefix } })),
      ].map((request) => request.then((answer) => ({ ...answer, at: Date.now() })));
      for (const request of sent) void request.then(() => (answeredDuringDrain += 1), () => undefined);
      requests = Promise.allSettled(sent);
      expect(await eventually(() => forwarded, (count) => count === 20, 10_000)).toBe(20);
      expect(await lock.waiting()).toBeGreaterThan(0);

      router.child.kill('SIGTERM');
      await eventually(() => router.output(), (output) => output.includes('SIGTERM: stopping'), 5_000);
      // Still listening for the ready grace, and saying it is not ready…
      expect(await probe(`${router.url}/ready`)).toBe(503);
      // …then no new connection is accepted (a probe racing the listener's close may be reset first: probe again), while all 20 requests are still waiting.
      expect(await probeUntil(`${router.url}/ready`, (answer) => answer === 'ECONNREFUSED')).toBe('ECONNREFUSED');
      expect(answeredDuringDrain).toBe(0);
      // Subscribers are still served while HTTP drains.
      expect(closes).toEqual([]);
    } finally {
      await lock.release();
    }

    const results = await requests;
    const exit = await router.exited;
    expect(results.map((result) => result.status)).toEqual(Array(20).fill('fulfilled'));
    const answers = results.map((result) => (result as PromiseFulfilledResult<GraphQLResponse<Record<string, unknown>> & { at: number }>).value);
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.errors).toBeUndefined();
    }
    // Every write the router answered is committed, and nothing else was written.
    expect(answers.slice(0, 10).map((answer) => (answer.data!.createProduct as { sku: string }).sku)).toEqual(skus);
    const rows = await sql<{ sku: string }>('select sku from catalog.product where sku like $1 order by sku', [`${prefix}%`]);
    expect(rows.map((row) => row.sku)).toEqual(skus);

    expect(exit.code).toBe(0);
    expect(exit.at).toBeGreaterThanOrEqual(Math.max(...answers.map((answer) => answer.at)));
    expect(closes).toEqual([expect.objectContaining({ code: 1001, reason: 'Going away' })]);
    expect(await feed.failure).toMatchObject({ code: 1001 });
    const [drained] = logRecords(router.output(), 'HTTP drained');
    expect(drained, router.output()).toMatchObject({ cut: 0 });
    expect(await probe(`${router.url}/health`)).toBe('ECONNREFUSED');
  }, 30_000);
});
