import { OutboxEvent, raw, sql, tableOf, type RowReader } from '@erp/platform';
import { StockItem } from '../stock/stock-item.entity.js';
import { StockLevel } from '../stock/stock-level.entity.js';
import { StockMovement } from '../stock/stock-movement.entity.js';
import { Warehouse } from '../warehouse/warehouse.entity.js';
import { Reservation, type ReservedLine } from './reservation.entity.js';

export interface ReservationRow {
  id: string;
  warehouseId: string;
  lines: ReservedLine[];
}

/** What the reserving statement found and did; see `reserveInOneStatement`. */
export interface ReservationOutcome {
  /** The order's active reservation from before: nothing was done. */
  existing: ReservationRow | null;
  /** The reservation this statement made. */
  claimed: ReservationRow | null;
  /** How many of the lines are of stock-tracked products. */
  tracked: number;
  /** The tracked lines that could not be reserved, with what was available (none reserved then). */
  short: { productId: string; requested: number; available: number }[] | null;
  warehouse: { id: string; code: string; active: boolean } | null;
}

/*
 * Reserving for an order is every placement's step in inventory, so it is one statement, by hand (a named prepared
 * statement on `ctx.db`, its own transaction) rather than a unit of work's six round trips with the levels' row locks
 * held across them. It does what `applyStockMoves` does for a RESERVATION, in SQL: the levels are locked in product
 * order, checked as they now are (all lines or none), then changed, each with its movement (the running balance) and
 * its `stock.changed` (and `stock.low` on crossing the reorder point) in the outbox, with the payloads of the contracts
 * in @erp/contracts (test/inventory checks them against the ORM path's). Releasing and issuing stay on the ORM path.
 *
 * Locking and changing a row in one statement is sound under READ COMMITTED: `for update` waits for a concurrent
 * reservation of the same level and returns its committed result, and the update then acts on that row version,
 * which this statement holds locked. The reservation row is claimed under a unique index on the order's active
 * reservation, so two reservations of one order never both reserve: the second finds the first's claim and does nothing.
 */
export async function reserveInOneStatement(
  db: RowReader,
  input: { reservationId: string; orderId: string; warehouseId: string | null; lines: readonly ReservedLine[]; byUserId: string | null; at: Date },
): Promise<ReservationOutcome> {
  const table = (entity: Parameters<typeof tableOf>[1]) => raw(tableOf(db.metadata, entity));
  const at = input.at.toISOString();
  const [row] = await db.rows<ReservationOutcome>(sql`
    with wanted as (
      select w.product_id, w.quantity from unnest(${input.lines.map((l) => l.productId)}::uuid[], ${input.lines.map((l) => l.quantity)}::int[]) as w(product_id, quantity)
    ),
    existing as (
      select r.id, r.warehouse_id, r.lines from ${table(Reservation)} r where r.order_id = ${input.orderId}::uuid and r.status = 'ACTIVE'
    ),
    tracked as (
      select w.product_id, w.quantity from wanted w join ${table(StockItem)} i on i.product_id = w.product_id and i.tracked
    ),
    target as (
      select wh.id, wh.code, wh.active from ${table(Warehouse)} wh
       where case when ${input.warehouseId}::uuid is null then wh.is_default else wh.id = ${input.warehouseId}::uuid end
    ),
    locked as (
      select s.id, s.product_id, s.on_hand, s.reserved
        from ${table(StockLevel)} s join tracked t on t.product_id = s.product_id
       where s.warehouse_id = (select id from target) and not exists (select 1 from existing)
       order by s.product_id
         for update of s
    ),
    short as (
      select t.product_id, t.quantity, coalesce(l.on_hand - l.reserved, 0) as available
        from tracked t left join locked l on l.product_id = t.product_id
       where l.id is null or l.on_hand - l.reserved < t.quantity
    ),
    claim as (
      insert into ${table(Reservation)} (id, order_id, warehouse_id, status, lines, created_at, updated_at)
      select ${input.reservationId}::uuid, ${input.orderId}::uuid, target.id, 'ACTIVE',
             (select jsonb_agg(jsonb_build_object('productId', t.product_id, 'quantity', t.quantity) order by t.product_id) from tracked t),
             ${at}::timestamptz, ${at}::timestamptz
        from target
       where target.active and exists (select 1 from tracked) and not exists (select 1 from existing) and not exists (select 1 from short)
      on conflict (order_id) where status = 'ACTIVE' do nothing
      returning id, warehouse_id, lines
    ),
    levels as (
      update ${table(StockLevel)} s set reserved = s.reserved + t.quantity, updated_at = ${at}::timestamptz
        from tracked t, claim c
       where s.product_id = t.product_id and s.warehouse_id = c.warehouse_id
      returning s.id, s.product_id, s.warehouse_id, s.on_hand, s.reserved, t.quantity, s.reorder_point, s.reorder_quantity
    ),
    movements as (
      insert into ${table(StockMovement)} (id, product_id, warehouse_id, kind, on_hand_change, reserved_change, on_hand_after, reserved_after,
                                           document_type, document_id, by_user_id, at)
      select gen_random_uuid(), l.product_id, l.warehouse_id, 'RESERVATION', 0, l.quantity, l.on_hand, l.reserved, 'ORDER', ${input.orderId}::uuid,
             ${input.byUserId}::uuid, ${at}::timestamptz
        from levels l order by l.product_id
    ),
    events as (
      insert into ${table(OutboxEvent)} (id, type, aggregate_id, payload, occurred_at)
      select gen_random_uuid(), 'stock.changed', l.id::text,
             jsonb_build_object('productId', l.product_id, 'warehouseId', l.warehouse_id, 'warehouseCode', target.code, 'kind', 'RESERVATION',
                                'onHandChange', 0, 'reservedChange', l.quantity, 'onHand', l.on_hand, 'reserved', l.reserved,
                                'available', l.on_hand - l.reserved, 'documentType', 'ORDER', 'documentId', ${input.orderId}::uuid,
                                'at', ${at}::text, 'byUserId', ${input.byUserId}::uuid),
             ${at}::timestamptz
        from levels l, target
      union all
      select gen_random_uuid(), 'stock.low', l.id::text,
             jsonb_build_object('productId', l.product_id, 'warehouseId', l.warehouse_id, 'warehouseCode', target.code,
                                'available', l.on_hand - l.reserved, 'reorderPoint', l.reorder_point, 'reorderQuantity', l.reorder_quantity,
                                'at', ${at}::text),
             ${at}::timestamptz
        from levels l, target
       where l.reorder_point is not null and l.on_hand - l.reserved <= l.reorder_point and l.on_hand - l.reserved + l.quantity > l.reorder_point
    )
    select (select jsonb_build_object('id', id, 'warehouseId', warehouse_id, 'lines', lines) from existing) as existing,
           (select jsonb_build_object('id', id, 'warehouseId', warehouse_id, 'lines', lines) from claim) as claimed,
           (select count(*) from tracked)::int as tracked,
           (select jsonb_agg(jsonb_build_object('productId', product_id, 'requested', quantity, 'available', available) order by product_id) from short) as short,
           (select jsonb_build_object('id', id, 'code', code, 'active', active) from target) as warehouse`);
  return row!;
}
