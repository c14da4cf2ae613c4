import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphQLClient } from '../support/client.js';
import { customerAndProducts, draftOrder } from '../support/commerce.js';
import { sql } from '../support/database.js';
import { eventually } from '../support/eventually.js';
import { OwnRedis } from '../support/own-redis.js';
import { useTestPlatform } from '../support/platform.js';
import { ConfirmOrderDocument, PlaceOrderDocument } from '../generated/graphql.js';

// The platform must start on this Redis, so it starts before the platform does.
const redis = await OwnRedis.start();
// Registered before the platform's own hooks, so it runs after the platform has stopped.
afterAll(async () => {
  await redis.remove();
});
const t = useTestPlatform({ redis: redis.url });
let sales: GraphQLClient;

beforeAll(async () => {
  sales = (await t.userWith(['sales'])).client;
});

const invoicesOf = (orderIds: string[]) => sql<{ order_id: string; status: string }>('select order_id, status from billing.invoice where order_id = any($1)', [orderIds]);

describe('events while Redis is down', () => {
  it('keeps orders confirmed during an outage in the outbox, and invoices each exactly once when Redis returns', async () => {
    const { customer, products } = await customerAndProducts(sales);
    const orders = [];
    for (let i = 0; i < 3; i += 1) {
      const order = await draftOrder(sales, customer.id, [{ productId: products[0]!.id, quantity: i + 1 }]);
      await sales.data(PlaceOrderDocument, { id: order.id, idempotencyKey: randomUUID() });
      orders.push(order);
    }
    const ids = orders.map((order) => order.id);

    await redis.stop();
    for (const order of orders) await sales.data(ConfirmOrderDocument, { id: order.id });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await invoicesOf(ids)).toEqual([]);
    const [waiting] = await sql<{ count: string }>(
      "select count(*) from sales.outbox_event where aggregate_id = any($1) and published_at is null and payload->>'to' = 'CONFIRMED'",
      [ids],
    );
    expect(Number(waiting!.count)).toBe(3);

    await redis.resume();
    const invoices = await eventually(() => invoicesOf(ids), (rows) => rows.length >= 3, 20_000);
    expect(invoices.map((row) => row.order_id).sort()).toEqual([...ids].sort());
    expect(invoices.every((row) => row.status === 'DRAFT')).toBe(true);
    const [left] = await sql<{ count: string }>('select count(*) from sales.outbox_event where published_at is null', []);
    expect(Number(left!.count)).toBe(0);
    // Redelivery (the relay may republish a batch it could not stamp) never doubles an invoice.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await invoicesOf(ids)).toHaveLength(3);
  });
});
