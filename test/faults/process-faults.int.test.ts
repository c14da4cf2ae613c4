import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '@erp/platform';
import {
  CancelOrderDocument,
  CustomersDocument,
  CreateOrderDocument,
  OrderStatusFeedDocument,
  OrdersWithCustomersDocument,
  PlaceOrderDocument,
} from '../generated/graphql.js';
import { customerAndProducts, draftOrder } from '../support/commerce.js';
import { countRows, sql } from '../support/database.js';
import { eventually } from '../support/eventually.js';
import { startProcessPlatform, type ProcessPlatform } from '../support/process-platform.js';
import type { ServerProcess } from '../support/server-process.js';
import { sendSigned } from '../support/signed-request.js';
import { subscribe, wsClient } from '../support/subscriptions.js';

/**
 * Faults injected into the platform as production runs it, each subgraph and the router a process of its own.
 * Deadlines are short here so that the file stays fast: the router gives a subgraph 3 s, a subgraph gives a peer
 * 1 s (inner deadlines shorter than outer ones, as by default: 10 s and 5 s), and a circuit opens after 2 outages.
 */
let platform: ProcessPlatform;

beforeAll(async () => {
  platform = await startProcessPlatform({
    subgraphEnv: { SUBGRAPH_DEADLINE_MS: '1000', CIRCUIT_FAILURE_THRESHOLD: '2', CIRCUIT_OPEN_MS: '1000' },
    routerEnv: { SUBGRAPH_DEADLINE_MS: '3000', CIRCUIT_FAILURE_THRESHOLD: '2', CIRCUIT_OPEN_MS: '1500' },
  });
}, 120_000);
afterAll(async () => {
  await platform?.stop();
});

async function timed<T>(work: Promise<T>): Promise<{ result: T; ms: number }> {
  const started = Date.now();
  const result = await work;
  return { result, ms: Date.now() - started };
}

describe('the router in production', () => {
  it('refuses introspection', async () => {
    const response = await fetch(`${platform.router.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...platform.admin.headers },
      body: JSON.stringify({ query: '{ __schema { types { name } } }' }),
    });
    const body = (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('crm hung (SIGSTOP)', () => {
  it('costs its callers at most the deadline, nulls only its fields, fails writes that need it retryably and unchanged, then fails fast until it is back', async () => {
    const { admin } = platform;
    const { customer, products } = await customerAndProducts(admin);
    const order = await draftOrder(admin, customer.id, [{ productId: products[0]!.id, quantity: 3 }]);
    const ordersBefore = await countRows('sales."order"');

    platform.subgraphs.crm.child.kill('SIGSTOP');
    try {
      // A query rooted in sales: sales' and catalog's fields answered, crm's null with an error naming crm.
      const deep = await timed(admin.send(OrdersWithCustomersDocument, { first: 50 }));
      expect(deep.ms).toBeLessThan(4_500);
      const node = deep.result.data?.orders.edges.map((edge) => edge.node).find((candidate) => candidate.id === order.id);
      expect(node).toMatchObject({ number: order.number, customer: null, lines: [{ quantity: 3, product: { name: products[0]!.name } }] });
      expect(deep.result.errors?.length).toBeGreaterThan(0);
      for (const error of deep.result.errors!) expect(error.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'crm', retryable: true });

      // A query of crm alone: null within the deadline, saying so. Its second outage in a row opens crm's circuit…
      const customers = await timed(admin.send(CustomersDocument, { first: 5 }));
      expect(customers.ms).toBeLessThan(4_500);
      expect(customers.result.data?.customers ?? null).toBeNull();
      expect(customers.result.errors?.[0]?.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'crm', retryable: true });

      // …so the next request that needs crm fails at once instead of waiting out the deadline.
      const fast = await timed(admin.send(CustomersDocument, { first: 5 }));
      expect(fast.ms).toBeLessThan(500);
      expect(fast.result.errors?.[0]?.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'crm', retryable: true });
      expect(fast.result.errors?.[0]?.message).toContain('failing fast');

      // A write that needs crm (sales reads the customer from it) fails within sales' peer deadline and creates nothing.
      const create = await timed(admin.send(CreateOrderDocument, { input: { customerId: customer.id, lines: [{ productId: products[1]!.id, quantity: 1 }] } }));
      expect(create.ms).toBeLessThan(2_500);
      expect(create.result.errors?.[0]?.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'crm', retryable: true });
      expect(await countRows('sales."order"')).toBe(ordersBefore);
    } finally {
      platform.subgraphs.crm.child.kill('SIGCONT');
    }

    // Once crm answers again, the circuit's probe finds it and requests flow.
    const back = await eventually(
      () => admin.send(CustomersDocument, { first: 5 }),
      (result) => !result.errors && (result.data?.customers.edges.length ?? 0) > 0,
      10_000,
    );
    expect(back.data?.customers.edges.length).toBeGreaterThan(0);
  }, 60_000);
});

describe('sales killed and restarted under a subscriber', () => {
  const admin: Caller = { kind: 'user', userId: randomUUID(), roles: ['admin'] };

  const PLACE = 'mutation Place($id: ID!, $key: String!) { placeOrder(id: $id, idempotencyKey: $key) { id status } }';
  const CANCEL = 'mutation Cancel($id: ID!, $reason: String!) { cancelOrder(id: $id, reason: $reason) { id status } }';

  /** A mutation sent straight to another sales instance (the router does not use it), signed as the router would. */
  async function throughOtherInstance(instance: ServerProcess, query: string, variables: Record<string, unknown>): Promise<void> {
    expect((await sendSigned(instance.url, admin, query, variables)).body.errors).toBeUndefined();
  }

  it('gets every status change made while sales was down, in order and once, or is told to resync when they cannot be replayed', async () => {
    const { customer, products } = await customerAndProducts(platform.admin);
    const orders = [];
    for (let i = 0; i < 4; i++) orders.push(await draftOrder(platform.admin, customer.id, [{ productId: products[0]!.id, quantity: i + 1 }]));
    const login = platform.admin.headers.authorization!;
    const socket = wsClient(`${platform.router.url}/graphql`, { authorization: login });
    const feed = subscribe(socket, OrderStatusFeedDocument);
    const other = await platform.another('sales');
    try {
      // Let the router's upstream subscription reach sales before the first break.
      await eventually(async () => (await fetch(`${platform.router.url}/ready`)).status, (status) => status === 200, 5_000);
      await new Promise((resolve) => setTimeout(resolve, 500));

      // 1. A break before the subscription saw any event: it resumes from when it was made.
      platform.subgraphs.sales.child.kill('SIGKILL');
      await platform.subgraphs.sales.exited;
      await throughOtherInstance(other, PLACE, { id: orders[0]!.id, key: randomUUID() });
      await throughOtherInstance(other, CANCEL, { id: orders[0]!.id, reason: 'changed mind' });
      await platform.restart('sales');
      const first = await feed.received(2, 15_000);
      expect(first.map((result) => [result.data?.orderStatusChanged.id, result.data?.orderStatusChanged.status])).toEqual([
        [orders[0]!.id, 'PLACED'],
        [orders[0]!.id, 'CANCELLED'],
      ]);

      // 2. A change through the router, live; then a break after it: the subscription resumes after that event.
      await platform.admin.data(PlaceOrderDocument, { id: orders[1]!.id, idempotencyKey: randomUUID() });
      await feed.received(3, 10_000);
      platform.subgraphs.sales.child.kill('SIGKILL');
      await platform.subgraphs.sales.exited;
      await throughOtherInstance(other, PLACE, { id: orders[2]!.id, key: randomUUID() });
      await throughOtherInstance(other, CANCEL, { id: orders[1]!.id, reason: 'duplicate' });
      await platform.restart('sales');
      const second = await feed.received(5, 15_000);
      expect(second.slice(2).map((result) => [result.data?.orderStatusChanged.id, result.data?.orderStatusChanged.status])).toEqual([
        [orders[1]!.id, 'PLACED'],
        [orders[2]!.id, 'PLACED'],
        [orders[1]!.id, 'CANCELLED'],
      ]);

      // 3. A gap that cannot be replayed (the last event seen is no longer kept): the subscriber is told to reload,
      // and live events follow.
      platform.subgraphs.sales.child.kill('SIGKILL');
      await platform.subgraphs.sales.exited;
      await throughOtherInstance(other, PLACE, { id: orders[3]!.id, key: randomUUID() });
      await sql(`delete from sales.outbox_event where sequence is not null and type = 'order.status_changed' and aggregate_id <> $1`, [orders[3]!.id]);
      await platform.restart('sales');
      const third = await feed.received(6, 15_000);
      expect(third[5]).toMatchObject({ data: null, errors: [{ extensions: { code: 'RESYNC_REQUIRED' } }] });
      await platform.admin.data(CancelOrderDocument, { id: orders[2]!.id, reason: 'late' });
      const fourth = await feed.received(7, 10_000);
      expect(fourth[6]!.data?.orderStatusChanged).toMatchObject({ id: orders[2]!.id, status: 'CANCELLED' });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(feed.results).toHaveLength(7);
    } finally {
      feed.stop();
      await socket.dispose();
      other.child.kill('SIGKILL');
    }
  }, 90_000);
});
