import { claimInsertSql, documentNumberSql, nextInSeriesSql, tableOf, type EntityManager, type IdempotencyClaim, OutboxEvent } from '@erp/platform';
import { OrderLine } from './order-line.entity.js';
import { OrderStatusChange } from './order-status-change.entity.js';
import { Order } from './order.entity.js';

/*
 * The statements of the two writes every order goes through, by hand rather than through the unit of work: each is
 * one statement, so one round trip and its own transaction, where a flush costs a round trip per table plus begin and
 * commit (and the ORM's change-set work for rows it already knows). The entities stay the shape of the rows: the
 * services build them in memory, these statements write their columns. Other transitions go through the ORM.
 */

const placeholders = (count: number) => Array.from({ length: count }, () => '?').join(', ');
const iso = (value: Date | null) => (value ? value.toISOString() : null);

/**
 * Inserts a new order, its lines and its first status change in one statement, with its number drawn from the
 * year's order series in the same statement; answers the number. Run it inside `inNumberSeries(em, 'order', year, …)`.
 */
export async function insertNewOrder(
  em: EntityManager,
  year: number,
  order: Order,
  lines: readonly OrderLine[],
  change: OrderStatusChange,
): Promise<string> {
  const lineColumns = 13;
  const rows = (await em.getConnection().execute(
    `with drawn as (select ${nextInSeriesSql(em, 'order', year)} as value),
     new_order as (
       insert into ${tableOf(em, Order)} (id, number, customer_id, status, currency, shipping_address, notes, subtotal_minor, tax_minor, total_minor,
                                          created_by, created_at, updated_at, version)
       select ?, ${documentNumberSql('SO', year, 'drawn.value')}, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?::timestamptz, ?::timestamptz, ? from drawn
       returning number
     ),
     new_lines as (
       insert into ${tableOf(em, OrderLine)} (id, order_id, position, product_id, sku, name, quantity, currency, unit_price_minor, tax_rate_bp,
                                              discount_minor, net_minor, tax_minor)
       values ${lines.map(() => `(${placeholders(lineColumns)})`).join(', ')}
     ),
     first_change as (
       insert into ${tableOf(em, OrderStatusChange)} (id, order_id, from_status, to_status, by_user_id, reason, at)
       values (?, ?, ?, ?, ?, ?, ?::timestamptz)
     )
     select number from new_order`,
    [
      order.id, order.customerId, order.status, order.currency, order.shippingAddress === null ? null : JSON.stringify(order.shippingAddress),
      order.notes, order.subtotalMinor, order.taxMinor, order.totalMinor, order.createdBy, iso(order.createdAt), iso(order.updatedAt), order.version,
      ...lines.flatMap((line) => [
        line.id, order.id, line.position, line.productId, line.sku, line.name, line.quantity, line.currency, line.unitPriceMinor, line.taxRateBp,
        line.discountMinor, line.netMinor, line.taxMinor,
      ]),
      change.id, order.id, change.from, change.to, change.byUserId, change.reason, iso(change.at),
    ],
    'all',
  )) as { number: string }[];
  return rows[0]!.number;
}

interface OrderRow {
  id: string;
  number: string;
  customer_id: string;
  status: Order['status'];
  currency: string;
  shipping_address: Order['shippingAddress'] | string;
  notes: string | null;
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
export async function findOrderWithLines(em: EntityManager, id: string): Promise<{ order: Order; lines: OrderLine[] } | null> {
  const [row] = (await em.getConnection().execute(
    `select o.*, coalesce((select json_agg(json_build_object(
                   'id', l.id, 'position', l.position, 'product_id', l.product_id, 'sku', l.sku, 'name', l.name, 'quantity', l.quantity,
                   'currency', l.currency, 'unit_price_minor', l.unit_price_minor::text, 'tax_rate_bp', l.tax_rate_bp,
                   'discount_minor', l.discount_minor::text, 'net_minor', l.net_minor::text, 'tax_minor', l.tax_minor::text) order by l.position)
                 from ${tableOf(em, OrderLine)} l where l.order_id = o.id), '[]') as lines
       from ${tableOf(em, Order)} o where o.id = ?`,
    [id],
    'all',
  )) as OrderRow[];
  if (!row) return null;
  const order = Object.assign(new Order(), {
    id: row.id,
    number: row.number,
    customerId: row.customer_id,
    status: row.status,
    currency: row.currency,
    shippingAddress: row.shipping_address === null ? null : json(row.shipping_address),
    notes: row.notes,
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
  em: EntityManager,
  order: Order,
  expectedVersion: number,
  change: OrderStatusChange,
  events: readonly OutboxEvent[],
  claim: IdempotencyClaim,
): Promise<boolean> {
  const claimed = claimInsertSql(claim, 'id::text', 'placed');
  const rows = (await em.getConnection().execute(
    `with placed as (
       update ${tableOf(em, Order)} set status = ?, placed_at = ?::timestamptz, updated_at = ?::timestamptz, version = ?
        where id = ? and version = ?
       returning id
     ),
     claim as (${claimed.sql}),
     status_change as (
       insert into ${tableOf(em, OrderStatusChange)} (id, order_id, from_status, to_status, by_user_id, reason, at)
       select ?, id, ?, ?, ?, ?, ?::timestamptz from placed
     ),
     events as (
       insert into ${tableOf(em, OutboxEvent)} (id, type, aggregate_id, payload, occurred_at)
       select e.id::uuid, e.type, e.aggregate_id, e.payload::jsonb, e.occurred_at::timestamptz
         from placed, (values ${events.map(() => '(?, ?, ?, ?, ?)').join(', ')}) as e(id, type, aggregate_id, payload, occurred_at)
     )
     select count(*)::int as placed from placed`,
    [
      order.status, iso(order.placedAt), iso(order.updatedAt), order.version, order.id, expectedVersion,
      ...claimed.params,
      change.id, change.from, change.to, change.byUserId, change.reason, iso(change.at),
      ...events.flatMap((event) => [event.id, event.type, event.aggregateId, JSON.stringify(event.payload), iso(event.occurredAt)]),
    ],
    'all',
  )) as { placed: number }[];
  return rows[0]!.placed === 1;
}
