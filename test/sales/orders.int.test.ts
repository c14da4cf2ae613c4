import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, type GraphQLClient } from '../support/client.js';
import { customerAndProducts, draftOrder } from '../support/commerce.js';
import { sql } from '../support/database.js';
import { useTestPlatform } from '../support/platform.js';
import {
  CancelOrderDocument,
  ConfirmOrderDocument,
  CreateOrderDocument,
  CustomerOrdersDocument,
  CustomerOrdersPageDocument,
  MarkOrderDeliveredDocument,
  OrderDocument,
  PlaceOrderDocument,
  ProductSalesDocument,
  ShipOrderDocument,
  UpdateProductDocument,
} from '../generated/graphql.js';

const t = useTestPlatform();
let sales: GraphQLClient;

beforeAll(async () => {
  sales = (await t.userWith(['sales'])).client;
});

describe('sales orders through the router', () => {
  it('snapshots prices and computes totals in exact money, across crm and catalog', async () => {
    const { customer, products } = await customerAndProducts(sales);
    const order = await draftOrder(sales, customer.id, [
      { productId: products[0]!.id, quantity: 3 },
      { productId: products[1]!.id, quantity: 1, discount: '0.50' },
    ]);
    expect(order.number).toMatch(/^SO-\d{4}-\d{6}$/);
    expect(order.status).toBe('DRAFT');
    expect(order.customer).toEqual({ id: customer.id, name: customer.name });
    expect(order.lines.map((l) => [l.quantity, l.unitPrice.amount, l.taxRate, l.net.amount, l.tax.amount])).toEqual([
      [3, '19.99', '20', '59.97', '11.99'],
      [1, '4.49', '7', '3.99', '0.28'],
    ]);
    expect(order.lines[0]!.product!.name).toBe(products[0]!.name);
    expect([order.subtotal.amount, order.tax.amount, order.total.amount]).toEqual(['63.96', '12.27', '76.23']);

    // A later price change does not touch the order's lines.
    await sales.data(UpdateProductDocument, { id: products[0]!.id, input: { price: '25.00' } });
    const again = (await sales.data(OrderDocument, { id: order.id })).order;
    expect(again.lines[0]!.unitPrice.amount).toBe('19.99');
    expect(again.total.amount).toBe('76.23');
  });

  it('walks the status machine, recording who and when, with the shipment', async () => {
    const seller = await t.userWith(['sales']);
    const { customer, products } = await customerAndProducts(seller.client);
    const order = await draftOrder(seller.client, customer.id, [{ productId: products[0]!.id, quantity: 1 }]);
    const key = randomUUID();
    const placed = (await seller.client.data(PlaceOrderDocument, { id: order.id, idempotencyKey: key })).placeOrder;
    expect(placed.status).toBe('PLACED');
    const replay = (await seller.client.data(PlaceOrderDocument, { id: order.id, idempotencyKey: key })).placeOrder;
    expect(replay.statusHistory).toHaveLength(2);
    await seller.client.data(ConfirmOrderDocument, { id: order.id });
    await seller.client.data(ShipOrderDocument, { id: order.id, input: { carrier: 'DHL', trackingNumber: 'JD0001' } });
    const delivered = (await seller.client.data(MarkOrderDeliveredDocument, { id: order.id })).markOrderDelivered;
    expect(delivered.status).toBe('DELIVERED');
    expect(delivered.shipments).toEqual([{ carrier: 'DHL', trackingNumber: 'JD0001' }]);
    expect(delivered.statusHistory.map((h) => [h.from, h.to])).toEqual([
      [null, 'DRAFT'], ['DRAFT', 'PLACED'], ['PLACED', 'CONFIRMED'], ['CONFIRMED', 'SHIPPED'], ['SHIPPED', 'DELIVERED'],
    ]);
    expect(new Set(delivered.statusHistory.map((h) => h.byUserId))).toEqual(new Set([seller.id]));
  });

  it('refuses an illegal transition with CONFLICT and the current status, changing nothing', async () => {
    const { customer, products } = await customerAndProducts(sales);
    const order = await draftOrder(sales, customer.id, [{ productId: products[0]!.id, quantity: 1 }]);
    const skip = await sales.send(ConfirmOrderDocument, { id: order.id });
    expect(errorCodes(skip)).toEqual(['CONFLICT']);
    expect(skip.errors?.[0]?.extensions?.currentStatus).toBe('DRAFT');
    await sales.data(PlaceOrderDocument, { id: order.id, idempotencyKey: randomUUID() });
    await sales.data(ConfirmOrderDocument, { id: order.id });
    await sales.data(ShipOrderDocument, { id: order.id, input: { carrier: 'UPS', trackingNumber: '1Z' } });
    const cancel = await sales.send(CancelOrderDocument, { id: order.id, reason: 'too late' });
    expect(errorCodes(cancel)).toEqual(['CONFLICT']);
    expect(cancel.errors?.[0]?.extensions?.currentStatus).toBe('SHIPPED');
    const [row] = await sql<{ status: string; changes: string }>(
      'select o.status, (select count(*) from sales.order_status_change c where c.order_id = o.id) as changes from sales."order" o where o.id = $1',
      [order.id],
    );
    expect(row).toEqual({ status: 'SHIPPED', changes: '4' });
  });

  it('cancels before shipping with a reason, and a placed key reused for another order conflicts', async () => {
    const { customer, products } = await customerAndProducts(sales);
    const first = await draftOrder(sales, customer.id, [{ productId: products[0]!.id, quantity: 1 }]);
    const second = await draftOrder(sales, customer.id, [{ productId: products[0]!.id, quantity: 2 }]);
    const key = randomUUID();
    await sales.data(PlaceOrderDocument, { id: first.id, idempotencyKey: key });
    expect(errorCodes(await sales.send(PlaceOrderDocument, { id: second.id, idempotencyKey: key }))).toEqual(['CONFLICT']);
    const cancelled = (await sales.data(CancelOrderDocument, { id: first.id, reason: 'Customer changed their mind' })).cancelOrder;
    expect(cancelled.status).toBe('CANCELLED');
    expect(cancelled.statusHistory.at(-1)).toMatchObject({ from: 'PLACED', to: 'CANCELLED', reason: 'Customer changed their mind' });
    expect(errorCodes(await sales.send(CancelOrderDocument, { id: second.id, reason: ' ' }))).toEqual(['BAD_USER_INPUT']);
  });

  it('places an order once when the same request is retried concurrently', async () => {
    const { customer, products } = await customerAndProducts(sales);
    const order = await draftOrder(sales, customer.id, [{ productId: products[0]!.id, quantity: 1 }]);
    const key = randomUUID();
    const results = await Promise.all([1, 2, 3].map(() => sales.send(PlaceOrderDocument, { id: order.id, idempotencyKey: key })));
    expect(results.map((r) => r.data?.placeOrder.status)).toEqual(['PLACED', 'PLACED', 'PLACED']);
    const [row] = await sql<{ count: string }>("select count(*) from sales.order_status_change where order_id = $1 and to_status = 'PLACED'", [order.id]);
    expect(row!.count).toBe('1');
  });

  it('refuses bad orders: unknown customer or product, zero quantity, mixed currencies', async () => {
    const { customer, products } = await customerAndProducts(sales);
    const product = products[0]!.id;
    expect(errorCodes(await sales.send(CreateOrderDocument, { input: { customerId: randomUUID(), lines: [{ productId: product, quantity: 1 }] } }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await sales.send(CreateOrderDocument, { input: { customerId: customer.id, lines: [{ productId: randomUUID(), quantity: 1 }] } }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await sales.send(CreateOrderDocument, { input: { customerId: customer.id, lines: [{ productId: product, quantity: 0 }] } }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await sales.send(CreateOrderDocument, { input: { customerId: customer.id, lines: [] } }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await sales.send(CreateOrderDocument, { input: { customerId: customer.id, lines: [{ productId: product, quantity: 1, discount: '999' }] } }))).toEqual(['BAD_USER_INPUT']);
    expect(await sql('select id from sales."order" where customer_id = $1', [customer.id])).toEqual([]);
  });

  it('extends Customer with orders and Product with salesCount', async () => {
    const { customer, products } = await customerAndProducts(sales);
    const placed = await draftOrder(sales, customer.id, [{ productId: products[0]!.id, quantity: 4 }]);
    await sales.data(PlaceOrderDocument, { id: placed.id, idempotencyKey: randomUUID() });
    await draftOrder(sales, customer.id, [{ productId: products[0]!.id, quantity: 10 }]);
    const all = (await sales.data(CustomerOrdersDocument, { id: customer.id })).customer;
    expect(all.orders!.totalCount).toBe(2);
    const onlyPlaced = (await sales.data(CustomerOrdersDocument, { id: customer.id, status: 'PLACED' })).customer;
    expect(onlyPlaced.orders!.edges.map((e) => e.node.id)).toEqual([placed.id]);
    const firstPage = (await sales.data(CustomerOrdersPageDocument, { id: customer.id, first: 1 })).customer.orders!;
    const secondPage = (await sales.data(CustomerOrdersPageDocument, { id: customer.id, first: 1, after: firstPage.pageInfo.endCursor })).customer.orders!;
    expect([...firstPage.edges, ...secondPage.edges].map((e) => e.node.id).sort()).toEqual(all.orders!.edges.map((e) => e.node.id).sort());
    expect(secondPage.pageInfo.hasNextPage).toBe(false);
    const sold = await sales.data(ProductSalesDocument, { filter: { search: products[0]!.sku } });
    expect(sold.products.edges[0]!.node.salesCount).toBe(4);
  });

  it('shows a customer user only its own orders', async () => {
    const { customer, products } = await customerAndProducts(sales);
    const other = await customerAndProducts(sales);
    const own = await draftOrder(sales, customer.id, [{ productId: products[0]!.id, quantity: 1 }]);
    const foreign = await draftOrder(sales, other.customer.id, [{ productId: other.products[0]!.id, quantity: 1 }]);
    const portal = (await t.userWith(['customer'], { customerId: customer.id })).client;
    expect((await portal.data(OrderDocument, { id: own.id })).order.number).toBe(own.number);
    expect(errorCodes(await portal.send(OrderDocument, { id: foreign.id }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await portal.send(ConfirmOrderDocument, { id: own.id }))).toEqual(['FORBIDDEN']);
  });
});
