import { documentNumberSql, nextInSeriesSql, tableOf, type EntityManager } from '@erp/platform';
import { OrderLine } from './order-line.entity.js';
import { OrderStatusChange } from './order-status-change.entity.js';
import { Order } from './order.entity.js';

/*
 * The statement of the write every order starts with, by hand rather than through the unit of work: one statement, so
 * one round trip and its own transaction, where a flush costs a round trip per table plus begin and commit (and the
 * ORM's change-set work). The entities stay the shape of the rows: the service builds them in memory, the statement
 * writes their columns.
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
