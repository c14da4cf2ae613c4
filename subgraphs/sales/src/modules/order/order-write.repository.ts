import { claimInsertSql, documentNumberSql, nextInSeriesSql, raw, sql, tableOf, type IdempotencyClaim, OutboxEvent, type RowReader } from '@erp/platform';
import { OrderLine } from './order-line.entity.js';
import { OrderStatusChange } from './order-status-change.entity.js';
import { Order } from './order.entity.js';

/*
 * The statements of the two writes every order goes through, by hand rather than through the unit of work: each is
 * one statement, so one round trip and its own transaction, where a flush costs a round trip per table plus begin and
 * commit (and the ORM's change-set work for rows it already knows). They run on `ctx.db`, as named prepared
 * statements (PostgreSQL parses and plans each once per connection: the lines and events go in as arrays, so the text
 * does not depend on how many there are), and need no EntityManager fork. The entities stay the shape of the rows: the
 * services build them in memory, these statements write their columns. Other transitions go through the ORM.
 */

const iso = (value: Date | null) => (value ? value.toISOString() : null);

/**
 * Inserts a new order, its lines and its first status change in one statement, with its number drawn from the
 * year's order series in the same statement; answers the number. Run it inside `inNumberSeries(db, 'order', year, …)`.
 * `audit` (the kit's `audit.recorded` row, the order's change first) goes in the outbox by the same statement, given
 * the drawn number as the order's first field.
 */
export async function insertNewOrder(
  db: RowReader,
  year: number,
  order: Order,
  lines: readonly OrderLine[],
  change: OrderStatusChange,
  audit: OutboxEvent | null,
): Promise<string> {
  const audits = audit ? [audit] : [];
  const column = <K extends keyof OrderLine>(key: K) => lines.map((line) => line[key]);
  const [row] = await db.rows<{ number: string }>(sql`
    with drawn as (select ${raw(nextInSeriesSql(db.metadata, 'order', year))} as value),
    new_order as (
      insert into ${raw(tableOf(db.metadata, Order))} (id, number, customer_id, status, currency, shipping_address, notes, subtotal_minor, tax_minor,
                                                       total_minor, created_by, created_at, updated_at, version, warehouse_id)
      select ${order.id}::uuid, ${raw(documentNumberSql('SO', year, 'drawn.value'))}, ${order.customerId}::uuid, ${order.status}::text,
             ${order.currency}::text, ${order.shippingAddress === null ? null : JSON.stringify(order.shippingAddress)}::jsonb, ${order.notes}::text,
             ${order.subtotalMinor}::bigint, ${order.taxMinor}::bigint, ${order.totalMinor}::bigint, ${order.createdBy}::uuid,
             ${iso(order.createdAt)}::timestamptz, ${iso(order.updatedAt)}::timestamptz, ${order.version}::int, ${order.warehouseId}::uuid
        from drawn
      returning number
    ),
    new_lines as (
      insert into ${raw(tableOf(db.metadata, OrderLine))} (id, order_id, position, product_id, sku, name, quantity, currency, unit_price_minor,
                                                           tax_rate_bp, discount_minor, net_minor, tax_minor)
      select l.id, ${order.id}::uuid, l.position, l.product_id, l.sku, l.name, l.quantity, l.currency, l.unit_price_minor, l.tax_rate_bp,
             l.discount_minor, l.net_minor, l.tax_minor
        from unnest(${column('id')}::uuid[], ${column('position')}::smallint[], ${column('productId')}::uuid[], ${column('sku')}::text[],
                    ${column('name')}::text[], ${column('quantity')}::int[], ${column('currency')}::text[], ${column('unitPriceMinor')}::bigint[],
                    ${column('taxRateBp')}::int[], ${column('discountMinor')}::bigint[], ${column('netMinor')}::bigint[], ${column('taxMinor')}::bigint[])
             as l(id, position, product_id, sku, name, quantity, currency, unit_price_minor, tax_rate_bp, discount_minor, net_minor, tax_minor)
    ),
    first_change as (
      insert into ${raw(tableOf(db.metadata, OrderStatusChange))} (id, order_id, from_status, to_status, by_user_id, reason, at)
      values (${change.id}::uuid, ${order.id}::uuid, ${change.from}::text, ${change.to}::text, ${change.byUserId}::uuid, ${change.reason}::text,
              ${iso(change.at)}::timestamptz)
    ),
    audit as (
      insert into ${raw(tableOf(db.metadata, OutboxEvent))} (id, type, aggregate_id, payload, occurred_at)
      select e.id, e.type, e.aggregate_id,
             jsonb_insert(e.payload, '{changes,0,fields,0}', jsonb_build_object('field', 'number', 'before', null, 'after', new_order.number)),
             e.occurred_at
        from new_order, unnest(${audits.map((e) => e.id)}::uuid[], ${audits.map((e) => e.type)}::text[], ${audits.map((e) => e.aggregateId)}::text[],
                               ${audits.map((e) => JSON.stringify(e.payload))}::jsonb[], ${audits.map((e) => iso(e.occurredAt))}::timestamptz[])
             as e(id, type, aggregate_id, payload, occurred_at)
    )
    select number from new_order`);
  return row!.number;
}

interface OrderRow {
  id: string;
  number: string;
  customer_id: string;
  status: Order['status'];
  currency: string;
  shipping_address: Order['shippingAddress'] | string;
  notes: string | null;
  warehouse_id: string | null;
  subtotal_minor: string;
  tax_minor: string;
  total_minor: string;
  placed_at: Date | string | null;
  confirmed_at: Date | string | null;
  shipped_at: Date | string | null;
  delivered_at: Date | string | null;
  cancelled_at: Date | string | null;
  cancel_reason: string | null;
  created_by: string | null;
  created_at: Date | string;
  updated_at: Date | string;
  version: number;
  lines: LineRow[] | string;
}

interface LineRow {
  id: string;
  position: number;
  product_id: string;
  sku: string;
  name: string;
  quantity: number;
  currency: string;
  unit_price_minor: string;
  tax_rate_bp: number;
  discount_minor: string;
  net_minor: string;
  tax_minor: string;
}

const json = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);
const date = (value: Date | string | null) => (value === null ? null : new Date(value));

/**
 * An order with its lines (in position order), read in one statement for a write that follows: the entities are built
 * here, outside any identity map, so nothing flushes them behind the write's back. Null when there is no such order.
 */
export async function findOrderWithLines(db: RowReader, id: string): Promise<{ order: Order; lines: OrderLine[] } | null> {
  const row = await db.first<OrderRow>(sql`
    select o.*, coalesce((select json_agg(json_build_object(
                   'id', l.id, 'position', l.position, 'product_id', l.product_id, 'sku', l.sku, 'name', l.name, 'quantity', l.quantity,
                   'currency', l.currency, 'unit_price_minor', l.unit_price_minor::text, 'tax_rate_bp', l.tax_rate_bp,
                   'discount_minor', l.discount_minor::text, 'net_minor', l.net_minor::text, 'tax_minor', l.tax_minor::text) order by l.position)
                 from ${raw(tableOf(db.metadata, OrderLine))} l where l.order_id = o.id), '[]') as lines
      from ${raw(tableOf(db.metadata, Order))} o where o.id = ${id}::uuid`);
  if (!row) return null;
  const order = Object.assign(new Order(), {
    id: row.id,
    number: row.number,
    customerId: row.customer_id,
    status: row.status,
    currency: row.currency,
    shippingAddress: row.shipping_address === null ? null : json(row.shipping_address),
    notes: row.notes,
    warehouseId: row.warehouse_id,
    subtotalMinor: BigInt(row.subtotal_minor),
    taxMinor: BigInt(row.tax_minor),
    totalMinor: BigInt(row.total_minor),
    placedAt: date(row.placed_at),
    confirmedAt: date(row.confirmed_at),
    shippedAt: date(row.shipped_at),
    deliveredAt: date(row.delivered_at),
    cancelledAt: date(row.cancelled_at),
    cancelReason: row.cancel_reason,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    version: row.version,
  });
  const lines = json(row.lines).map((line) =>
    Object.assign(new OrderLine(), {
      id: line.id,
      order,
      position: line.position,
      productId: line.product_id,
      sku: line.sku,
      name: line.name,
      quantity: line.quantity,
      currency: line.currency,
      unitPriceMinor: BigInt(line.unit_price_minor),
      taxRateBp: line.tax_rate_bp,
      discountMinor: BigInt(line.discount_minor),
      netMinor: BigInt(line.net_minor),
      taxMinor: BigInt(line.tax_minor),
    }),
  );
  return { order, lines };
}

/**
 * Writes a DRAFT order's placement — already applied to `order` in memory — in one statement: the order's new status,
 * stamp and version if it is still at `expectedVersion` (optimistic lock: a concurrent transition of the order moves the
 * version, and this statement then changes nothing), and only then the status change, the outbox events and the
 * idempotency claim with the order as its result. Answers whether the placement was written; a claim already taken
 * fails the whole statement (see `isClaimTaken`).
 */
export async function savePlacement(
  db: RowReader,
  order: Order,
  expectedVersion: number,
  change: OrderStatusChange,
  events: readonly OutboxEvent[],
  claim: IdempotencyClaim,
): Promise<boolean> {
  const [row] = await db.rows<{ placed: number }>(sql`
    with placed as (
      update ${raw(tableOf(db.metadata, Order))}
         set status = ${order.status}::text, placed_at = ${iso(order.placedAt)}::timestamptz, updated_at = ${iso(order.updatedAt)}::timestamptz,
             version = ${order.version}::int
       where id = ${order.id}::uuid and version = ${expectedVersion}::int
      returning id
    ),
    claim as (${claimInsertSql(claim, raw('id::text'), raw('placed'))}),
    status_change as (
      insert into ${raw(tableOf(db.metadata, OrderStatusChange))} (id, order_id, from_status, to_status, by_user_id, reason, at)
      select ${change.id}::uuid, id, ${change.from}::text, ${change.to}::text, ${change.byUserId}::uuid, ${change.reason}::text,
             ${iso(change.at)}::timestamptz
        from placed
    ),
    events as (
      insert into ${raw(tableOf(db.metadata, OutboxEvent))} (id, type, aggregate_id, payload, occurred_at)
      select e.id, e.type, e.aggregate_id, e.payload, e.occurred_at
        from placed, unnest(${events.map((e) => e.id)}::uuid[], ${events.map((e) => e.type)}::text[], ${events.map((e) => e.aggregateId)}::text[],
                            ${events.map((e) => JSON.stringify(e.payload))}::jsonb[], ${events.map((e) => iso(e.occurredAt))}::timestamptz[])
             as e(id, type, aggregate_id, payload, occurred_at)
    )
    select count(*)::int as placed from placed`);
  return row!.placed === 1;
}
