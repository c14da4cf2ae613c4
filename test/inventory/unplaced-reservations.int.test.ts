import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { errorCodes } from '../support/client.js';
import { customerAndProducts } from '../support/commerce.js';
import { sql } from '../support/database.js';
import { eventually } from '../support/eventually.js';
import { useTestPlatform } from '../support/platform.js';
import { settled } from '../support/settled.js';
import { AdjustStockDocument, CreateOrderInDocument, CreateWarehouseDocument, PlaceOrderBriefDocument, ProductStockDocument } from '../generated/graphql.js';

// This file's platform sweeps every 200 ms and treats a reservation as unplaced after a second (default: 1 min, 10 min).
process.env.INVENTORY_RESERVATION_SWEEP_MS = '200';
process.env.INVENTORY_RESERVATION_GRACE_MS = '1000';

const t = useTestPlatform();

async function stockedOrder(quantity: number) {
  const { customer, products } = await customerAndProducts(t.admin, [{ price: '5.00', taxRate: '20' }]);
  const product = products[0]!;
  const warehouse = (await t.admin.data(CreateWarehouseDocument, { input: { code: `W-${randomUUID().slice(0, 6)}`, name: 'W', isDefault: true } })).createWarehouse;
  await t.admin.data(AdjustStockDocument, { input: { productId: product.id, warehouseId: warehouse.id, quantity: 5, reason: 'count' } });
  const order = (await t.admin.data(CreateOrderInDocument, { input: { customerId: customer.id, lines: [{ productId: product.id, quantity }] } })).createOrder;
  return { product, order };
}

const reservedOf = async (productId: string) => (await t.admin.data(ProductStockDocument, { id: productId })).product.stock!.reserved;

describe('reservations of placements that never finished', () => {
  it('gives the stock back when neither the placement nor its compensation could finish, once sales says the order is not placed', async () => {
    const { product, order } = await stockedOrder(2);
    // The placement's sales step fails, and so does its compensation (inventory refuses to change the reservation):
    // the reservation is left active for an order that stays a draft, as if sales had stopped between the two steps.
    await sql(`create or replace function public.refuse_change() returns trigger language plpgsql as $$ begin raise exception 'refused by the test'; end $$`);
    await sql(`create trigger refuse_status_change before insert on sales.order_status_change for each row execute function public.refuse_change()`);
    await sql(`create trigger refuse_release before update on inventory.reservation for each row execute function public.refuse_change()`);
    try {
      expect(errorCodes(await t.admin.send(PlaceOrderBriefDocument, { id: order.id, idempotencyKey: randomUUID() }))).toEqual(['INTERNAL_SERVER_ERROR']);
      expect(await reservedOf(product.id)).toBe(2);
    } finally {
      await sql('drop trigger refuse_status_change on sales.order_status_change');
      await sql('drop trigger refuse_release on inventory.reservation');
    }
    expect(await eventually(() => reservedOf(product.id), (reserved) => reserved === 0)).toBe(0);
    const [reservation] = await sql<{ status: string }>(`select status from inventory.reservation where order_id = $1`, [order.id]);
    expect(reservation!.status).toBe('RELEASED');
    expect(await sql(`select status from sales."order" where id = $1`, [order.id])).toEqual([{ status: 'DRAFT' }]);
  });

  it('keeps the reservation of a placed order: its order.placed confirms it, and sales confirms one whose event it has not seen', async () => {
    const { product, order } = await stockedOrder(3);
    expect((await t.admin.data(PlaceOrderBriefDocument, { id: order.id, idempotencyKey: randomUUID() })).placeOrder.status).toBe('PLACED');
    await settled();
    const confirmed = async () => (await sql<{ confirmed: boolean }>(`select confirmed_at is not null as confirmed from inventory.reservation where order_id = $1`, [order.id]))[0]!.confirmed;
    expect(await confirmed()).toBe(true);
    await sql(`update inventory.reservation set confirmed_at = null, created_at = now() - interval '1 hour' where order_id = $1`, [order.id]);
    expect(await eventually(confirmed, (value) => value)).toBe(true);
    expect(await reservedOf(product.id)).toBe(3);
  });
});
