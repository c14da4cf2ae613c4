import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { errorCodes, type GraphQLClient } from '../support/client.js';
import { customerAndProducts } from '../support/commerce.js';
import { sql } from '../support/database.js';
import { useTestPlatform } from '../support/platform.js';
import { settled } from '../support/settled.js';
import {
  AdjustStockDocument,
  CancelOrderDocument,
  ConfirmOrderDocument,
  CreateApiKeyDocument,
  CreateOrderInDocument,
  CreateWarehouseDocument,
  PlaceOrderBriefDocument,
  ProductStockDocument,
  SetStockTrackingDocument,
  ShipOrderDocument,
  UpdateWarehouseDocument,
} from '../generated/graphql.js';

const t = useTestPlatform();

async function stockOf(client: GraphQLClient, productId: string) {
  return (await client.data(ProductStockDocument, { id: productId })).product.stock!;
}

/** On hand and reserved of every level equal the sums of its movements: the ledger never lies. */
async function ledgerDisagreements(): Promise<unknown[]> {
  return sql(`
    select l.product_id, l.warehouse_id, l.on_hand, l.reserved, coalesce(sum(m.on_hand_change), 0)::int as moved_on_hand,
           coalesce(sum(m.reserved_change), 0)::int as moved_reserved
      from inventory.stock_level l
      left join inventory.stock_movement m on m.product_id = l.product_id and m.warehouse_id = l.warehouse_id
     group by l.id
    having l.on_hand <> coalesce(sum(m.on_hand_change), 0) or l.reserved <> coalesce(sum(m.reserved_change), 0)`);
}

let mainWarehouse: { id: string; code: string } | null = null;
async function warehouse(): Promise<{ id: string; code: string }> {
  mainWarehouse ??= (await t.admin.data(CreateWarehouseDocument, { input: { code: 'MAIN', name: 'Main warehouse' } })).createWarehouse;
  return mainWarehouse;
}

async function stockedProduct(quantity: number) {
  const { customer, products } = await customerAndProducts(t.admin, [{ price: '10.00', taxRate: '20' }, { price: '2.50', taxRate: '7' }]);
  const { id: warehouseId } = await warehouse();
  await t.admin.data(AdjustStockDocument, { input: { productId: products[0]!.id, warehouseId, quantity, reason: 'opening count' } });
  return { customer, product: products[0]!, other: products[1]!, warehouseId };
}

async function draft(client: GraphQLClient, customerId: string, lines: { productId: string; quantity: number }[], warehouseId?: string) {
  return (await client.data(CreateOrderInDocument, { input: { customerId, lines, warehouseId } })).createOrder;
}

const place = (client: GraphQLClient, id: string) => client.send(PlaceOrderBriefDocument, { id, idempotencyKey: randomUUID() });

describe('warehouses and stock', () => {
  it('makes the first warehouse the default; adjusting adds and removes stock, never below what is reserved', async () => {
    const main = await warehouse();
    const second = (await t.admin.data(CreateWarehouseDocument, { input: { code: 'north-1', name: 'North' } })).createWarehouse;
    expect(second).toMatchObject({ code: 'NORTH-1', isDefault: false });
    const third = (await t.admin.data(CreateWarehouseDocument, { input: { code: 'SOUTH', name: 'South', isDefault: true } })).createWarehouse;
    expect(third.isDefault).toBe(true);
    expect((await t.admin.data(UpdateWarehouseDocument, { id: main.id, input: { isDefault: true } })).updateWarehouse.isDefault).toBe(true);
    const defaults = await sql<{ code: string }>(`select code from inventory.warehouse where is_default`);
    expect(defaults).toEqual([{ code: 'MAIN' }]);
    const { product } = await stockedProduct(12);
    await t.admin.data(AdjustStockDocument, { input: { productId: product.id, warehouseId: second.id, quantity: 5, reason: 'count' } });
    const removed = await t.admin.data(AdjustStockDocument, { input: { productId: product.id, warehouseId: main.id, quantity: -2, reason: 'damaged' } });
    expect(removed.adjustStock).toMatchObject({ onHand: 10, reserved: 0, available: 10, warehouse: { code: 'MAIN' } });
    const stock = await stockOf(t.admin, product.id);
    expect(stock).toMatchObject({ tracked: true, onHand: 15, reserved: 0, available: 15 });
    expect(stock.byWarehouse.map((level) => [level.warehouse.code, level.onHand]).sort()).toEqual([['MAIN', 10], ['NORTH-1', 5]]);

    const tooMuch = await t.admin.send(AdjustStockDocument, { input: { productId: product.id, warehouseId: main.id, quantity: -11, reason: 'lost' } });
    expect(errorCodes(tooMuch)).toEqual(['INSUFFICIENT_STOCK']);
    expect(tooMuch.errors![0]!.extensions!.lines).toEqual([{ productId: product.id, warehouseId: main.id, requested: 11, available: 10 }]);
    expect((await stockOf(t.admin, product.id)).onHand).toBe(15);
    expect(await ledgerDisagreements()).toEqual([]);
  });

  it('refuses bad input and callers without the permission, changing nothing', async () => {
    const { product, warehouseId } = await stockedProduct(3);
    const input = { productId: product.id, warehouseId, quantity: 1, reason: 'count' };
    for (const bad of [{ quantity: 0 }, { quantity: 1.5 }, { reason: ' ' }, { productId: 'nope' }, { warehouseId: randomUUID() }, { productId: randomUUID() }]) {
      const answer = await t.admin.send(AdjustStockDocument, { input: { ...input, ...bad } });
      expect(answer.errors?.[0]?.extensions?.code, JSON.stringify(bad)).toMatch(/BAD_USER_INPUT|NOT_FOUND/);
    }
    const { client: seller } = await t.userWith(['sales']);
    expect(errorCodes(await seller.send(AdjustStockDocument, { input }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await seller.send(CreateWarehouseDocument, { input: { code: 'X', name: 'X' } }))).toEqual(['FORBIDDEN']);
    expect((await stockOf(t.admin, product.id)).onHand).toBe(3);
  });
});

describe('reservations', () => {
  it('places exactly as many of 1,000 concurrent one-unit orders as there are units, refusing the rest', async () => {
    const { customer, product } = await stockedProduct(100);
    const { client: seller } = await t.userWith(['sales']);
    const drafts: string[] = [];
    for (let batch = 0; batch < 20; batch += 1) {
      drafts.push(...(await Promise.all(Array.from({ length: 50 }, () => draft(seller, customer.id, [{ productId: product.id, quantity: 1 }])))).map((o) => o.id));
    }
    // As a client would: a placement whose connection broke (a reset on a loaded machine) is sent again with its key.
    const placeRetried = async (id: string) => {
      const idempotencyKey = randomUUID();
      for (let attempt = 1; ; attempt += 1) {
        try {
          return await seller.send(PlaceOrderBriefDocument, { id, idempotencyKey });
        } catch (error) {
          if (attempt >= 3) throw error;
        }
      }
    };
    const answers = await Promise.all(drafts.map(placeRetried));
    const refused = answers.filter((answer) => errorCodes(answer)[0] === 'INSUFFICIENT_STOCK');
    const outcomes: Record<string, number> = {};
    for (const answer of answers) {
      const outcome = String(answer.data?.placeOrder?.status ?? errorCodes(answer)[0] ?? answer.status);
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    }
    expect(outcomes).toEqual({ PLACED: 100, INSUFFICIENT_STOCK: 900 });
    expect(refused[0]!.errors![0]!.extensions!.lines).toEqual([{ productId: product.id, warehouseId: mainWarehouse!.id, requested: 1, available: 0 }]);
    expect(await stockOf(t.admin, product.id)).toMatchObject({ onHand: 100, reserved: 100, available: 0 });
    const [counted] = await sql<{ placedOrders: number }>(
      `select count(*)::int as "placedOrders" from sales."order" o join sales.order_line l on l.order_id = o.id where l.product_id = $1 and o.status = 'PLACED'`,
      [product.id],
    );
    expect(counted!.placedOrders).toBe(100);
    expect(await ledgerDisagreements()).toEqual([]);
  }, 120_000);

  it('reserves every line or none, naming each short line; a service is never reserved', async () => {
    const { customer, product, other, warehouseId } = await stockedProduct(5);
    await t.admin.data(AdjustStockDocument, { input: { productId: other.id, warehouseId, quantity: 1, reason: 'count' } });
    const order = await draft(t.admin, customer.id, [{ productId: product.id, quantity: 4 }, { productId: other.id, quantity: 2 }]);
    const refused = await place(t.admin, order.id);
    expect(errorCodes(refused)).toEqual(['INSUFFICIENT_STOCK']);
    expect(refused.errors![0]!.extensions!.lines).toEqual([{ productId: other.id, warehouseId, requested: 2, available: 1 }]);
    expect((await stockOf(t.admin, product.id)).reserved).toBe(0);
    expect(await sql(`select status from sales."order" where id = $1`, [order.id])).toEqual([{ status: 'DRAFT' }]);

    await t.admin.data(SetStockTrackingDocument, { productId: other.id, tracked: false });
    expect((await place(t.admin, order.id)).data?.placeOrder?.status).toBe('PLACED');
    expect(await stockOf(t.admin, product.id)).toMatchObject({ reserved: 4, available: 1 });
    expect(await stockOf(t.admin, other.id)).toMatchObject({ tracked: false, reserved: 0, available: 1 });
  });

  it('lets a partner key with orders:write place an order that reserves stock; no client can reserve directly', async () => {
    const { customer, product, warehouseId } = await stockedProduct(3);
    const key = (await t.admin.data(CreateApiKeyDocument, { input: { name: 'shop', scopes: ['orders:write', 'customers:read', 'catalog:read'] } })).createApiKey;
    const partner = t.anonymous.withHeaders({ 'x-api-key': key.secret });
    const order = await draft(partner, customer.id, [{ productId: product.id, quantity: 2 }]);
    expect((await place(partner, order.id)).data?.placeOrder?.status).toBe('PLACED');
    expect(await stockOf(t.admin, product.id)).toMatchObject({ reserved: 2, available: 1 });
    const [movement] = await sql<{ by_user_id: string }>(`select by_user_id from inventory.stock_movement where document_id = $1`, [order.id]);
    expect(movement!.by_user_id).toBeTruthy();

    const direct = await fetch(t.platform.router.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...t.admin.headers },
      body: JSON.stringify({ query: `mutation { reserveStockForOrder(input: { orderId: "${randomUUID()}", warehouseId: "${warehouseId}", lines: [] }) { id } }` }),
    });
    expect(((await direct.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('reserves from the warehouse the order names; cancelling releases, shipping issues', async () => {
    const { customer, product, warehouseId } = await stockedProduct(10);
    const north = (await t.admin.data(CreateWarehouseDocument, { input: { code: `N-${randomUUID().slice(0, 6)}`, name: 'North' } })).createWarehouse;
    await t.admin.data(AdjustStockDocument, { input: { productId: product.id, warehouseId: north.id, quantity: 4, reason: 'count' } });

    const fromNorth = await draft(t.admin, customer.id, [{ productId: product.id, quantity: 3 }], north.id);
    expect(fromNorth.warehouse).toEqual({ id: north.id, code: north.code });
    expect((await place(t.admin, fromNorth.id)).data?.placeOrder?.status).toBe('PLACED');
    const levelIn = async (id: string) => (await stockOf(t.admin, product.id)).byWarehouse.find((level) => level.warehouse.id === id)!;
    expect(await levelIn(north.id)).toMatchObject({ onHand: 4, reserved: 3 });
    expect(await levelIn(warehouseId)).toMatchObject({ onHand: 10, reserved: 0 });

    await t.admin.data(CancelOrderDocument, { id: fromNorth.id, reason: 'changed their mind' });
    await settled();
    expect(await levelIn(north.id)).toMatchObject({ onHand: 4, reserved: 0, available: 4 });

    const shipped = await draft(t.admin, customer.id, [{ productId: product.id, quantity: 6 }]);
    await place(t.admin, shipped.id);
    await t.admin.data(ConfirmOrderDocument, { id: shipped.id });
    await t.admin.data(ShipOrderDocument, { id: shipped.id, input: { carrier: 'DHL', trackingNumber: 'T-1' } });
    await settled();
    expect(await levelIn(warehouseId)).toMatchObject({ onHand: 4, reserved: 0, available: 4 });
    const kinds = await sql<{ kind: string }>(`select kind from inventory.stock_movement where document_id = $1 order by sequence`, [shipped.id]);
    expect(kinds.map((row) => row.kind)).toEqual(['RESERVATION', 'ISSUE']);
    expect(await ledgerDisagreements()).toEqual([]);
    // The reservation's one statement writes the events the ORM path writes for other movements, field for field.
    const payloads = await sql<{ kind: string; payload: Record<string, unknown> }>(
      `select payload->>'kind' as kind, payload from inventory.outbox_event where type = 'stock.changed' and payload->>'documentId' = $1`,
      [shipped.id],
    );
    const keys = Object.fromEntries(payloads.map((row) => [row.kind, Object.keys(row.payload).sort()]));
    expect(keys.RESERVATION).toEqual(keys.ISSUE);
    expect(payloads.find((row) => row.kind === 'RESERVATION')!.payload).toMatchObject({ onHandChange: 0, reservedChange: 6, onHand: 10, reserved: 6, available: 4, documentType: 'ORDER' });
  });

  it('releases the reservation of a placement whose sales step fails after it, and reserves once when retried', async () => {
    const { customer, product } = await stockedProduct(5);
    const order = await draft(t.admin, customer.id, [{ productId: product.id, quantity: 2 }]);
    await sql(`create or replace function sales.refuse_status_change() returns trigger language plpgsql as $$ begin raise exception 'status changes refused by the test'; end $$`);
    await sql(`create trigger refuse_status_change before insert on sales.order_status_change for each row execute function sales.refuse_status_change()`);
    try {
      const failed = await place(t.admin, order.id);
      expect(errorCodes(failed)).toEqual(['INTERNAL_SERVER_ERROR']);
    } finally {
      await sql(`drop trigger refuse_status_change on sales.order_status_change`);
    }
    expect(await stockOf(t.admin, product.id)).toMatchObject({ onHand: 5, reserved: 0, available: 5 });
    const kinds = await sql<{ kind: string }>(`select kind from inventory.stock_movement where document_id = $1 order by sequence`, [order.id]);
    expect(kinds.map((row) => row.kind)).toEqual(['RESERVATION', 'RELEASE']);

    const key = randomUUID();
    const twice = await Promise.all([0, 1].map(() => t.admin.send(PlaceOrderBriefDocument, { id: order.id, idempotencyKey: key })));
    expect(twice.map((answer) => answer.data?.placeOrder?.status)).toEqual(['PLACED', 'PLACED']);
    expect(await stockOf(t.admin, product.id)).toMatchObject({ reserved: 2, available: 3 });
    expect(await ledgerDisagreements()).toEqual([]);
  });
});
