import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from 'graphql-ws';
import type { GraphQLClient } from '../support/client.js';
import { customerAndProducts } from '../support/commerce.js';
import { useTestPlatform } from '../support/platform.js';
import { settled } from '../support/settled.js';
import { subscribe, wsClient } from '../support/subscriptions.js';
import {
  AdjustStockDocument,
  CreateOrderInDocument,
  CreateWarehouseDocument,
  LoginDocument,
  PlaceOrderBriefDocument,
  SetReorderPointDocument,
  StockLevelChangedFeedDocument,
  StockLowFeedDocument,
} from '../generated/graphql.js';

const t = useTestPlatform({ redis: true });
const sockets: Client[] = [];
let seller: GraphQLClient;
let dashboard: Client;
let warehouseId: string;

async function socketOf(user: { email: string; password: string }): Promise<Client> {
  const { login } = await t.anonymous.data(LoginDocument, { email: user.email, password: user.password });
  const socket = wsClient(t.platform.router.graphqlUrl, { Authorization: `Bearer ${login.accessToken}` });
  sockets.push(socket);
  return socket;
}

/** The subscription reaches the subgraph before the test moves stock. */
const subscribed = () => new Promise((resolve) => setTimeout(resolve, 300));

beforeAll(async () => {
  const sales = await t.userWith(['sales']);
  seller = sales.client;
  dashboard = await socketOf(await t.userWith(['warehouse']));
  warehouseId = (await t.admin.data(CreateWarehouseDocument, { input: { code: 'LIVE', name: 'Live warehouse' } })).createWarehouse.id;
});

afterAll(async () => {
  await Promise.all(sockets.map((socket) => socket.dispose()));
});

async function orderOf(customerId: string, productId: string, quantity: number) {
  const order = (await seller.data(CreateOrderInDocument, { input: { customerId, lines: [{ productId, quantity }] } })).createOrder;
  const placed = await seller.send(PlaceOrderBriefDocument, { id: order.id, idempotencyKey: randomUUID() });
  expect(placed.errors).toBeUndefined();
  return order;
}

describe('live stock through the router', () => {
  it('A federated stockLow subscriber sees the product’s catalog name when an order takes stock under its reorder point', async () => {
    const { customer, products } = await customerAndProducts(t.admin);
    const product = products[0]!;
    const feed = subscribe(dashboard, StockLowFeedDocument, {});
    await subscribed();

    await t.admin.data(AdjustStockDocument, { input: { productId: product.id, warehouseId, quantity: 10, reason: 'opening count' } });
    await t.admin.data(SetReorderPointDocument, { input: { productId: product.id, warehouseId, reorderPoint: 3, reorderQuantity: 20 } });
    const started = Date.now();
    await orderOf(customer.id, product.id, 7);

    const [alert] = await feed.received(1, 5_000);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(alert!.errors).toBeUndefined();
    expect(alert!.data!.stockLow).toMatchObject({
      product: { id: product.id, name: product.name, sku: product.sku }, // from catalog, through the router
      productId: product.id,
      warehouse: { id: warehouseId, code: 'LIVE' },
      available: 3,
      reorderPoint: 3,
      reorderQuantity: 20,
    });

    // Once per crossing: a further order while it stays low, and the opening count above it, announce nothing.
    await orderOf(customer.id, product.id, 1);
    await settled();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(feed.results).toHaveLength(1);
    feed.stop();
  });

  it('streams every movement of one product with its level after it and the catalog name; all products without a productId', async () => {
    const { customer, products } = await customerAndProducts(t.admin);
    const [product, other] = [products[0]!, products[1]!];
    const one = subscribe(dashboard, StockLevelChangedFeedDocument, { productId: product.id });
    const all = subscribe(dashboard, StockLevelChangedFeedDocument, {});
    await subscribed();

    await t.admin.data(AdjustStockDocument, { input: { productId: product.id, warehouseId, quantity: 5, reason: 'count' } });
    await t.admin.data(AdjustStockDocument, { input: { productId: other.id, warehouseId, quantity: 4, reason: 'count' } });
    const order = await orderOf(customer.id, product.id, 2);

    const [adjusted, reserved] = await one.received(2, 5_000);
    expect(adjusted!.data!.stockLevelChanged).toMatchObject({
      product: { id: product.id, name: product.name },
      warehouse: { code: 'LIVE' },
      kind: 'ADJUSTMENT',
      onHandChange: 5,
      reservedChange: 0,
      onHand: 5,
      reserved: 0,
      available: 5,
      documentType: 'ADJUSTMENT',
    });
    expect(reserved!.data!.stockLevelChanged).toMatchObject({
      kind: 'RESERVATION',
      onHandChange: 0,
      reservedChange: 2,
      onHand: 5,
      reserved: 2,
      available: 3,
      documentType: 'ORDER',
      documentId: order.id,
    });
    expect(Date.parse(reserved!.data!.stockLevelChanged.at)).toBeGreaterThanOrEqual(Date.parse(adjusted!.data!.stockLevelChanged.at));

    const everything = await all.received(3, 5_000);
    expect(everything.map((result) => [result.data!.stockLevelChanged.product!.name, result.data!.stockLevelChanged.kind])).toEqual([
      [product.name, 'ADJUSTMENT'],
      [other.name, 'ADJUSTMENT'],
      [product.name, 'RESERVATION'],
    ]);
    await settled();
    expect(one.results).toHaveLength(2);
    one.stop();
    all.stop();
  });

  it('refuses a caller without stock:read and a productId that is not an id', async () => {
    const outsider = await socketOf(await t.userWith(['employee']));
    const refused = subscribe(outsider, StockLowFeedDocument, {});
    const [denied] = await refused.received(1, 5_000);
    expect(denied!.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const bad = subscribe(dashboard, StockLevelChangedFeedDocument, { productId: 'not-an-id' });
    const [invalid] = await bad.received(1, 5_000);
    expect(invalid!.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
