import type pg from 'pg';
import { AccessRefused, apiKeyAllowedSql, type Access } from './access.js';

/**
 * The reservation an order's placement makes in inventory, by hand in one statement: the levels of the order's
 * products in the warehouse locked in product order, all lines checked against what is available, then the
 * reservation, each level's new reserved quantity, its movement (with the running balance) and its `stock.changed` in
 * the outbox — the rows inventory writes for a placement. Less than a placement through the graph does: no order is
 * read or marked placed in sales, and the floor is given the lines.
 */
const RESERVE_SQL = `
with wanted as (
  select w.product_id, sum(w.quantity)::int as quantity from unnest($2::uuid[], $3::int[]) as w(product_id, quantity) group by w.product_id
), locked as (
  select s.id, s.product_id, s.on_hand, s.reserved
    from inventory.stock_level s join wanted w on w.product_id = s.product_id
   where s.warehouse_id = $4::uuid
   order by s.product_id
     for update of s
), short as (
  select w.product_id from wanted w left join locked l on l.product_id = w.product_id where l.id is null or l.on_hand - l.reserved < w.quantity
), reservation as (
  insert into inventory.reservation (id, order_id, warehouse_id, status, lines, created_at, updated_at)
  select gen_random_uuid(), $1::uuid, $4::uuid, 'ACTIVE',
         (select jsonb_agg(jsonb_build_object('productId', product_id, 'quantity', quantity) order by product_id) from wanted), now(), now()
   where not exists (select 1 from short) and ${apiKeyAllowedSql('$6', '$7', '$8')}
  returning id
), levels as (
  update inventory.stock_level s set reserved = s.reserved + w.quantity, updated_at = now()
    from wanted w, reservation
   where s.product_id = w.product_id and s.warehouse_id = $4::uuid
  returning s.id, s.product_id, s.on_hand, s.reserved, w.quantity
), movements as (
  insert into inventory.stock_movement (id, product_id, warehouse_id, kind, on_hand_change, reserved_change, on_hand_after, reserved_after,
                                        document_type, document_id, by_user_id, at)
  select gen_random_uuid(), l.product_id, $4::uuid, 'RESERVATION', 0, l.quantity, l.on_hand, l.reserved, 'ORDER', $1::uuid, $5::uuid, now() from levels l
), events as (
  insert into inventory.outbox_event (id, type, aggregate_id, payload, occurred_at)
  select gen_random_uuid(), 'stock.changed', l.id::text,
         jsonb_build_object('productId', l.product_id, 'warehouseId', $4::uuid, 'kind', 'RESERVATION', 'onHandChange', 0, 'reservedChange', l.quantity,
                            'onHand', l.on_hand, 'reserved', l.reserved, 'available', l.on_hand - l.reserved, 'documentType', 'ORDER',
                            'documentId', $1::uuid, 'byUserId', $5::uuid, 'at', now()),
         now()
    from levels l
)
select (select count(*) from reservation)::int as reserved, ${apiKeyAllowedSql('$6', '$7', '$8')} as allowed`;

export class StockShort extends Error {}

export async function reserveOrderStock(
  pool: pg.Pool,
  access: Access,
  input: { orderId: string; warehouseId: string; lines: { productId: string; quantity: number }[] },
): Promise<void> {
  const result = await pool.query<{ reserved: number; allowed: boolean }>({
    name: 'reserve-order-stock',
    text: RESERVE_SQL,
    values: [
      input.orderId,
      input.lines.map((line) => line.productId),
      input.lines.map((line) => line.quantity),
      input.warehouseId,
      access.userId,
      access.apiKey?.prefix ?? null,
      access.apiKey?.hash ?? null,
      access.apiKey?.scopes ?? [],
    ],
  });
  const row = result.rows[0]!;
  if (!row.allowed) throw new AccessRefused('The API key is not valid or lacks a scope.', 401);
  if (row.reserved !== 1) throw new StockShort('Not enough stock.');
}
