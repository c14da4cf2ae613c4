import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphQLClient } from '../support/client.js';
import { customerAndProducts, draftOrder } from '../support/commerce.js';
import { sql } from '../support/database.js';
import { eventually } from '../support/eventually.js';
import { OwnRedis } from '../support/own-redis.js';
import { useTestPlatform } from '../support/platform.js';
import { ConfirmOrderDocument, OrderWithInvoiceDocument, PlaceOrderDocument } from '../generated/graphql.js';

// A port where no Redis listens yet: the platform starts against it.
const redis = await OwnRedis.start();
await redis.stop();
afterAll(async () => {
  await redis.remove();
});
const t = useTestPlatform({ redis: redis.url });
let sales: GraphQLClient;

beforeAll(async () => {
  sales = (await t.userWith(['sales'])).client;
});

async function readiness(subgraph: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${t.platform.subgraphs[subgraph]!.url}/ready`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('a platform started while Redis is down', () => {
  it('serves the graph, reports the bus not ready, and publishes what waited once Redis is up', async () => {
    // Started, and answering: the harness signed in and made a user; a whole order goes through.
    const { customer, products } = await customerAndProducts(sales);
    const order = await draftOrder(sales, customer.id, [{ productId: products[0]!.id, quantity: 1 }]);
    await sales.data(PlaceOrderDocument, { id: order.id, idempotencyKey: randomUUID() });
    await sales.data(ConfirmOrderDocument, { id: order.id });

    expect(await readiness('sales')).toEqual({ status: 503, body: { database: true, pendingMigrations: 0, bus: false } });
    expect(await readiness('billing')).toMatchObject({ status: 503, body: { bus: false } });
    const health = await fetch(`${t.platform.subgraphs.sales!.url}/health`);
    expect(health.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const [waiting] = await sql<{ count: string }>("select count(*) from sales.outbox_event where aggregate_id = $1 and published_at is null and payload->>'to' = 'CONFIRMED'", [order.id]);
    expect(waiting!.count).toBe('1');
    expect((await sales.data(OrderWithInvoiceDocument, { id: order.id })).order.invoice).toBeNull();

    await redis.resume();
    const ready = await eventually(() => readiness('sales'), (r) => r.status === 200, 10_000);
    expect(ready).toEqual({ status: 200, body: { database: true, pendingMigrations: 0, bus: true } });
    const viewed = await eventually(() => sales.data(OrderWithInvoiceDocument, { id: order.id }), (data) => data.order.invoice !== null, 10_000);
    expect(viewed.order.invoice).toMatchObject({ status: 'DRAFT' });
    const [left] = await sql<{ count: string }>('select count(*) from sales.outbox_event where published_at is null', []);
    expect(left!.count).toBe('0');
    expect(await sql('select id from billing.invoice where order_id = $1', [order.id])).toHaveLength(1);
  });
});
