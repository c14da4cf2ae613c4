import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, type GraphQLClient } from '../support/client.js';
import { customerAndProducts, draftOrder } from '../support/commerce.js';
import { sql } from '../support/database.js';
import { recordedEvents } from '../support/outbox.js';
import { useTestPlatform } from '../support/platform.js';
import { CancelOrderDocument, CreateOrderDocument, CreateProductDocument, PlaceOrderDocument } from '../generated/graphql.js';

const t = useTestPlatform();
let sales: GraphQLClient;
let fixtures: Awaited<ReturnType<typeof customerAndProducts>>;

beforeAll(async () => {
  sales = (await t.userWith(['sales'])).client;
  fixtures = await customerAndProducts(sales);
});

const newDraft = () => draftOrder(sales, fixtures.customer.id, [{ productId: fixtures.products[0]!.id, quantity: 2 }, { productId: fixtures.products[1]!.id, quantity: 1 }]);

/** What placing leaves behind for one order: its status and version, its history, its events, the claims naming it. */
async function rowsOf(orderId: string) {
  const [order] = await sql<{ status: string; version: number }>('select status, version from sales."order" where id = $1', [orderId]);
  const history = await sql<{ from_status: string | null; to_status: string }>(
    'select from_status, to_status from sales.order_status_change where order_id = $1 order by at, from_status nulls first',
    [orderId],
  );
  const events = (await recordedEvents('sales', orderId)).map((event) => `${event.type}:${String(event.payload.from)}>${String(event.payload.to)}`);
  const claims = await sql<{ key: string }>("select key from sales.idempotency_key where scope = 'placeOrder' and result_id = $1", [orderId]);
  return { ...order!, history: history.map((h) => `${h.from_status}>${h.to_status}`), events: events.sort(), claims: claims.map((c) => c.key) };
}

describe('placing an order', () => {
  it('creates an order in one sales statement and places the draft it just created in one more, besides the reads from crm and catalog', async () => {
    // Plain documents: the fixtures' documents select lines and history, whose reads are not the writes' statements.
    const post = async <T>(query: string, variables: object): Promise<T> => {
      const response = await fetch(t.platform.router.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...sales.headers }, body: JSON.stringify({ query, variables }) });
      return ((await response.json()) as { data: T }).data;
    };
    await newDraft(); // The year's first order also creates its number series; count a later one.
    const input = { customerId: fixtures.customer.id, lines: [{ productId: fixtures.products[0]!.id, quantity: 1 }, { productId: fixtures.products[1]!.id, quantity: 3 }] };
    const created = await t.countStatements(() =>
      post<{ createOrder: { id: string; status: string; version: number } }>('mutation($input: CreateOrderInput!) { createOrder(input: $input) { id status version } }', { input }),
    );
    expect(created.result.createOrder).toMatchObject({ status: 'DRAFT', version: 1 });
    expect(created.statements).toBe(3);
    const placed = await t.countStatements(() =>
      post<{ placeOrder: { status: string; version: number } }>('mutation($id: ID!, $key: String!) { placeOrder(id: $id, idempotencyKey: $key) { status version } }', {
        id: created.result.createOrder.id,
        key: randomUUID(),
      }),
    );
    expect(placed.result.placeOrder).toEqual({ status: 'PLACED', version: 2 });
    // The draft is remembered as written: placing writes, without reading it back; inventory reserves in one statement.
    expect(placed.statements).toBe(2);
  });

  it('reads again a remembered draft that changed since it was created: placing a cancelled draft is a CONFLICT that writes nothing', async () => {
    const order = await newDraft();
    expect((await sales.data(CancelOrderDocument, { id: order.id, reason: 'not wanted' })).cancelOrder.status).toBe('CANCELLED');
    const placing = await sales.send(PlaceOrderDocument, { id: order.id, idempotencyKey: randomUUID() });
    expect(errorCodes(placing)).toEqual(['CONFLICT']);
    expect(placing.errors?.[0]?.extensions?.currentStatus).toBe('CANCELLED');
    expect(await rowsOf(order.id)).toEqual({ status: 'CANCELLED', version: 2, history: ['null>DRAFT', 'DRAFT>CANCELLED'], events: ['order.cancelled:DRAFT>CANCELLED', 'order.status_changed:DRAFT>CANCELLED'], claims: [] });
  });

  it('writes the placement once when it is replayed: same answer, one status change, one pair of events, one claim', async () => {
    const order = await newDraft();
    const key = randomUUID();
    const first = (await sales.data(PlaceOrderDocument, { id: order.id, idempotencyKey: key })).placeOrder;
    const replays = [];
    for (let i = 0; i < 3; i += 1) replays.push((await sales.data(PlaceOrderDocument, { id: order.id, idempotencyKey: ` ${key} ` })).placeOrder);
    expect(replays.map((r) => [r.number, r.status, r.version])).toEqual(Array(3).fill([first.number, 'PLACED', 2]));
    expect(first.statusHistory.map((h) => [h.from, h.to])).toEqual([[null, 'DRAFT'], ['DRAFT', 'PLACED']]);
    expect(await rowsOf(order.id)).toEqual({
      status: 'PLACED',
      version: 2,
      history: ['null>DRAFT', 'DRAFT>PLACED'],
      events: ['order.placed:DRAFT>PLACED', 'order.status_changed:DRAFT>PLACED'],
      claims: [key],
    });
  });

  it('places an order once when callers race with different keys: the others get CONFLICT and write nothing', async () => {
    const order = await newDraft();
    const keys = Array.from({ length: 6 }, () => randomUUID());
    const results = await Promise.all(keys.map((key) => sales.send(PlaceOrderDocument, { id: order.id, idempotencyKey: key })));
    const winners = results.filter((r) => r.data?.placeOrder.status === 'PLACED');
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => errorCodes(r)[0] === 'CONFLICT')).toHaveLength(keys.length - 1);
    const rows = await rowsOf(order.id);
    expect(rows).toMatchObject({ status: 'PLACED', version: 2, history: ['null>DRAFT', 'DRAFT>PLACED'] });
    expect(rows.events).toHaveLength(2);
    expect(rows.claims).toEqual([keys[results.indexOf(winners[0]!)]]);
  });

  it('places one of two orders that race for one key; the other stays a DRAFT with nothing written', async () => {
    const [a, b] = await Promise.all([newDraft(), newDraft()]);
    const key = randomUUID();
    const results = await Promise.all([a!, b!].map((order) => sales.send(PlaceOrderDocument, { id: order.id, idempotencyKey: key })));
    expect(results.map((r) => r.data?.placeOrder.status ?? errorCodes(r)[0]).sort()).toEqual(['CONFLICT', 'PLACED']);
    const [placed, refused] = results[0]!.data ? [a!, b!] : [b!, a!];
    expect(await rowsOf(placed.id)).toMatchObject({ status: 'PLACED', history: ['null>DRAFT', 'DRAFT>PLACED'], claims: [key] });
    expect(await rowsOf(refused.id)).toEqual({ status: 'DRAFT', version: 1, history: ['null>DRAFT'], events: [], claims: [] });
  });

  it('loses no update when placing races a cancellation: the history, version and events tell one story', async () => {
    for (let round = 0; round < 5; round += 1) {
      const order = await newDraft();
      const [place, cancel] = await Promise.all([
        sales.send(PlaceOrderDocument, { id: order.id, idempotencyKey: randomUUID() }),
        sales.send(CancelOrderDocument, { id: order.id, reason: 'changed their mind' }),
      ]);
      const rows = await rowsOf(order.id);
      expect(rows.status).toBe('CANCELLED');
      expect(cancel.data?.cancelOrder.status).toBe('CANCELLED');
      if (place.data) {
        expect(rows.history).toEqual(['null>DRAFT', 'DRAFT>PLACED', 'PLACED>CANCELLED']);
        expect(rows.events).toEqual(['order.cancelled:PLACED>CANCELLED', 'order.placed:DRAFT>PLACED', 'order.status_changed:DRAFT>PLACED', 'order.status_changed:PLACED>CANCELLED']);
      } else {
        expect(errorCodes(place)).toEqual(['CONFLICT']);
        expect(rows.history).toEqual(['null>DRAFT', 'DRAFT>CANCELLED']);
        expect(rows.events).toEqual(['order.cancelled:DRAFT>CANCELLED', 'order.status_changed:DRAFT>CANCELLED']);
        expect(rows.claims).toEqual([]);
      }
      expect(rows.version).toBe(rows.history.length);
    }
  });

  it('keeps names, notes and an address with quotes, commas, braces and backslashes as they were given', async () => {
    // The lines and events go to PostgreSQL as arrays: their text must survive the array literal unchanged.
    const awkward = `Tea "Earl Grey", {loose} \\ 250g; 'x' NULL`;
    const product = (await sales.data(CreateProductDocument, { input: { sku: `AWK-${fixtures.run}`, name: awkward, price: '3.10', currency: 'EUR', taxRate: '7' } })).createProduct;
    const shippingAddress = { line1: 'c/o "Smith", {Unit 3}', line2: 'back\\slash', city: 'Köln', postalCode: '50667', country: 'DE' };
    const input = { customerId: fixtures.customer.id, lines: [{ productId: product.id, quantity: 2 }, { productId: fixtures.products[0]!.id, quantity: 1 }], shippingAddress, notes: awkward };
    const order = (await sales.data(CreateOrderDocument, { input })).createOrder;
    await sales.data(PlaceOrderDocument, { id: order.id, idempotencyKey: `{"key", ${awkward}}` });
    const lines = await sql<{ name: string; sku: string }>('select name, sku from sales.order_line where order_id = $1 order by position', [order.id]);
    expect(lines.map((line) => line.name)).toEqual([awkward, fixtures.products[0]!.name]);
    const [stored] = await sql<{ notes: string; shipping_address: Record<string, unknown> }>('select notes, shipping_address from sales."order" where id = $1', [order.id]);
    expect(stored!.notes).toBe(awkward);
    expect(stored!.shipping_address).toMatchObject(shippingAddress);
    const events = await recordedEvents('sales', order.id);
    expect(events.map((event) => (event.payload.lines as { name: string }[])[0]!.name)).toEqual([awkward, awkward]);
    expect(await sql('select key from sales.idempotency_key where result_id = $1', [order.id])).toEqual([{ key: `{"key", ${awkward}}` }]);
  });

  it('refuses a portal user, an unknown order and a blank key, writing nothing', async () => {
    const order = await newDraft();
    const portal = (await t.userWith(['customer'], { customerId: fixtures.customer.id })).client;
    expect(errorCodes(await portal.send(PlaceOrderDocument, { id: order.id, idempotencyKey: randomUUID() }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await sales.send(PlaceOrderDocument, { id: randomUUID(), idempotencyKey: randomUUID() }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await sales.send(PlaceOrderDocument, { id: 'not-an-id', idempotencyKey: randomUUID() }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await sales.send(PlaceOrderDocument, { id: order.id, idempotencyKey: '  ' }))).toEqual(['BAD_USER_INPUT']);
    expect(await rowsOf(order.id)).toEqual({ status: 'DRAFT', version: 1, history: ['null>DRAFT'], events: [], claims: [] });
  });
});
