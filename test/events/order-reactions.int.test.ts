import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { orderStatusChanged } from '@erp/contracts';
import { isEvent, purgePublishedEvents } from '@erp/platform';
import type { GraphQLClient } from '../support/client.js';
import { customerAndProducts, draftOrder } from '../support/commerce.js';
import { sql } from '../support/database.js';
import { eventually } from '../support/eventually.js';
import { FaultyBus } from '../support/faulty-bus.js';
import { useTestPlatform } from '../support/platform.js';
import { settled } from '../support/settled.js';
import { CancelOrderDocument, ConfirmOrderDocument, CreateInvoiceFromOrderDocument, OrderWithInvoiceDocument, PlaceOrderDocument } from '../generated/graphql.js';

let bus: FaultyBus;
const t = useTestPlatform({ redis: true, wrapEvents: (inner) => (bus = new FaultyBus(inner)) });
let sales: GraphQLClient;

beforeAll(async () => {
  sales = (await t.userWith(['sales'])).client;
});

async function placedOrder() {
  const { customer, products } = await customerAndProducts(sales);
  const order = await draftOrder(sales, customer.id, [{ productId: products[0]!.id, quantity: 2 }]);
  await sales.data(PlaceOrderDocument, { id: order.id, idempotencyKey: randomUUID() });
  return order;
}

describe('order events through the outbox and BullMQ on Redis', () => {
  it('drafts exactly one invoice when an order is confirmed', async () => {
    const order = await placedOrder();
    await sales.data(ConfirmOrderDocument, { id: order.id });
    const viewed = await eventually(() => sales.data(OrderWithInvoiceDocument, { id: order.id }), (data) => data.order.invoice !== null);
    expect(viewed.order.invoice).toMatchObject({ status: 'DRAFT', total: { amount: order.total.amount } });
    // Asking for it by hand returns the same invoice instead of a second one.
    const byHand = (await sales.data(CreateInvoiceFromOrderDocument, { orderId: order.id })).createInvoiceFromOrder;
    expect(byHand.id).toBe(viewed.order.invoice!.id);
    expect(await sql('select id from billing.invoice where order_id = $1', [order.id])).toHaveLength(1);
    const [outbox] = await sql<{ unpublished: string }>("select count(*) filter (where published_at is null) as unpublished from sales.outbox_event where aggregate_id = $1", [order.id]);
    expect(outbox!.unpublished).toBe('0');
  });

  it('drafts exactly one invoice when the consumer fails twice before it succeeds', async () => {
    const order = await placedOrder();
    bus.failNext('billing.order-events', 2, (event) => event.aggregateId === order.id && isEvent(event, orderStatusChanged) && event.payload.to === 'CONFIRMED');
    await sales.data(ConfirmOrderDocument, { id: order.id });
    const viewed = await eventually(() => sales.data(OrderWithInvoiceDocument, { id: order.id }), (data) => data.order.invoice !== null);
    expect(viewed.order.invoice).toMatchObject({ status: 'DRAFT' });
    const confirmedDeliveries = bus.deliveries.filter((d) => d.consumer === 'billing.order-events' && d.failed);
    expect(confirmedDeliveries).toHaveLength(2);
    expect(await sql('select id from billing.invoice where order_id = $1', [order.id])).toHaveLength(1);
  });

  it('voids the unpaid invoice of a cancelled order', async () => {
    const order = await placedOrder();
    await sales.data(ConfirmOrderDocument, { id: order.id });
    await eventually(() => sales.data(OrderWithInvoiceDocument, { id: order.id }), (data) => data.order.invoice !== null);
    await sales.data(CancelOrderDocument, { id: order.id, reason: 'Customer withdrew' });
    const rows = await eventually(
      () => sql<{ status: string; void_reason: string }>('select status, void_reason from billing.invoice where order_id = $1', [order.id]),
      (r) => r[0]?.status === 'VOID',
    );
    expect(rows).toEqual([{ status: 'VOID', void_reason: expect.stringContaining('cancelled') }]);
    // Sales shows the order's invoice from its copy of billing's invoices, which hears of the void one relay later.
    await settled();
    expect((await sales.data(OrderWithInvoiceDocument, { id: order.id })).order.invoice).toBeNull();
  });

  it('records every transition in the outbox in the same transaction as the change', async () => {
    const order = await placedOrder();
    await sales.data(ConfirmOrderDocument, { id: order.id });
    const events = await sql<{ type: string; to: string }>(
      // Both events of one transition carry its time (`at`); their rows may be stamped a millisecond apart.
      "select type, payload->>'to' as to from sales.outbox_event where aggregate_id = $1 order by payload->>'at', type",
      [order.id],
    );
    expect(events).toEqual([
      { type: 'order.placed', to: 'PLACED' },
      { type: 'order.status_changed', to: 'PLACED' },
      { type: 'order.status_changed', to: 'CONFIRMED' },
    ]);
  });
});

describe('the outbox over time', () => {
  it('purges events published more than a week ago and keeps the rest, however old', async () => {
    const old = () => `now() - interval '8 days'`;
    const [published, unpublished, recent] = [randomUUID(), randomUUID(), randomUUID()];
    await sql(
      `insert into sales.outbox_event (id, type, aggregate_id, payload, occurred_at, published_at) values
         ($1, 'test.old_published', 'x', '{}', ${old()}, ${old()}),
         ($2, 'test.old_unpublished', 'x', '{}', ${old()}, null),
         ($3, 'test.recent', 'x', '{}', now(), now() - interval '1 day')`,
      [published, unpublished, recent],
    );
    // The relay may publish the old unpublished event meanwhile: then it was published just now, and stays too.
    const deleted = await purgePublishedEvents(t.platform.subgraphs.sales!.orm);
    expect(deleted).toBeGreaterThanOrEqual(1);
    const left = await sql<{ id: string }>('select id from sales.outbox_event where id = any($1)', [[published, unpublished, recent]]);
    expect(left.map((row) => row.id).sort()).toEqual([unpublished, recent].sort());
  });
});
