import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OrderStatusChanged } from '@erp/contracts';
import type { GraphQLClient } from '../support/client.js';
import { customerAndProducts, draftOrder } from '../support/commerce.js';
import { sql } from '../support/database.js';
import { eventually } from '../support/eventually.js';
import { FaultyBus } from '../support/faulty-bus.js';
import { useTestPlatform } from '../support/platform.js';
import { CancelOrderDocument, ConfirmOrderDocument, PlaceOrderDocument } from '../generated/graphql.js';

let bus: FaultyBus;
const t = useTestPlatform({ wrapEvents: (inner) => (bus = new FaultyBus(inner)) });
let sales: GraphQLClient;

beforeAll(async () => {
  sales = (await t.userWith(['sales'])).client;
});

async function placedOrder() {
  const { customer, products } = await customerAndProducts(sales);
  const order = await draftOrder(sales, customer.id, [
    { productId: products[0]!.id, quantity: 3, discount: '1.00' },
    { productId: products[1]!.id, quantity: 1 },
  ]);
  await sales.data(PlaceOrderDocument, { id: order.id, idempotencyKey: randomUUID() });
  return order;
}

const invoicesOf = (orderId: string) =>
  sql<{ status: string; total_minor: string; customer_id: string; lines: string }>(
    'select status, total_minor::text, customer_id, (select count(*) from billing.invoice_line l where l.invoice_id = i.id)::text as lines from billing.invoice i where order_id = $1',
    [orderId],
  );
const confirmedDelivery = (orderId: string) => (event: { aggregateId: string; payload: unknown }) =>
  event.aggregateId === orderId && (event.payload as { to?: string }).to === 'CONFIRMED';

describe('order events carry the order their consumers need', () => {
  it('records order.status_changed with the number, customer, totals and lines, money as { amount, currency }', async () => {
    const order = await placedOrder();
    const confirmed = (await sales.data(ConfirmOrderDocument, { id: order.id })).confirmOrder;
    const [row] = await sql<{ payload: OrderStatusChanged }>(
      "select payload from sales.outbox_event where aggregate_id = $1 and type = 'order.status_changed' and payload->>'to' = 'CONFIRMED'",
      [order.id],
    );
    const eur = (amount: string) => ({ amount, currency: 'EUR' });
    expect(row!.payload).toEqual({
      orderId: order.id,
      number: confirmed.number,
      customerId: confirmed.customer!.id,
      currency: 'EUR',
      subtotal: eur(confirmed.subtotal.amount),
      tax: eur(confirmed.tax.amount),
      total: eur(confirmed.total.amount),
      lines: confirmed.lines.map((line, index) => ({
        productId: line.product!.id,
        sku: line.sku,
        name: line.name,
        quantity: line.quantity,
        unitPrice: eur(line.unitPrice.amount),
        taxRate: line.taxRate,
        discount: eur(index === 0 ? '1.00' : '0.00'),
        net: eur(line.net.amount),
        tax: eur(line.tax.amount),
      })),
      from: 'PLACED',
      to: 'CONFIRMED',
      at: expect.any(String),
      byUserId: expect.any(String),
    });
  });

  it('voids the invoice of an order cancelled before billing handled its confirmation', async () => {
    const order = await placedOrder();
    bus.failNext('billing.order-events', 2, confirmedDelivery(order.id));
    await sales.data(ConfirmOrderDocument, { id: order.id });
    await sales.data(CancelOrderDocument, { id: order.id, reason: 'Customer withdrew' });
    const invoices = await eventually(() => invoicesOf(order.id), (rows) => rows[0]?.status === 'VOID');
    expect(invoices.map((invoice) => invoice.status)).toEqual(['VOID']);
    // The cancellation arrived first and was retried until the invoice it voids had been drafted.
    const [cancelled] = await sql<{ id: string }>("select id from sales.outbox_event where aggregate_id = $1 and type = 'order.status_changed' and payload->>'to' = 'CANCELLED'", [order.id]);
    const tries = bus.handledOf('billing.order-events', cancelled!.id).map((h) => h.ok);
    expect(tries[0]).toBe(false);
    expect(tries.at(-1)).toBe(true);
  });

  // Last: it stops sales.
  it('drafts the invoice of a confirmed order from the event alone, while sales is down', async () => {
    const order = await placedOrder();
    // The first tries fail; the one that drafts the invoice runs after sales has stopped, so it cannot read the order there.
    bus.failNext('billing.order-events', 3, confirmedDelivery(order.id));
    const confirmed = (await sales.data(ConfirmOrderDocument, { id: order.id })).confirmOrder;
    const [event] = await sql<{ id: string }>("select id from sales.outbox_event where aggregate_id = $1 and type = 'order.status_changed' and payload->>'to' = 'CONFIRMED'", [order.id]);
    const failedOnce = () => bus.deliveries.some((d) => d.consumer === 'billing.order-events' && d.eventId === event!.id && d.failed);
    await eventually(failedOnce, (failed) => failed);
    await t.platform.subgraphs.sales!.close();

    const invoices = await eventually(() => invoicesOf(order.id), (rows) => rows.length > 0);
    const totalMinor = confirmed.total.amount.replace('.', '');
    expect(invoices).toEqual([{ status: 'DRAFT', total_minor: totalMinor, customer_id: confirmed.customer!.id, lines: '2' }]);
    expect(bus.handledOf('billing.order-events', event!.id).map((h) => h.ok)).toEqual([false, false, false, true]);
  });
});
