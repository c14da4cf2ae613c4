import type { OrderStatus } from '@erp/contracts';
import {
  assertUuid,
  customerScope,
  customerScopeFilter,
  customerScopeSql,
  emptyConnection,
  firstPagePerKey,
  isUuid,
  likePattern,
  NotFoundError,
  pageSize,
  paginateRows,
  raw,
  sql,
  type Connection,
  type Loader,
  type PageRequest,
  type RequestContext,
  type Row,
  type Sql,
  rowPerKey,
  rowsPerKey,
  rowById,
} from '@erp/platform';
import type { FilterQuery } from '@mikro-orm/core';
import { salesPolicy } from '../../policy.js';
import { OrderInvoice } from '../copies/order-invoice.entity.js';
import { ProductName } from '../copies/product-name.entity.js';
import { OrderLine } from './order-line.entity.js';
import { OrderStatusChange } from './order-status-change.entity.js';
import { Order } from './order.entity.js';
import { SOLD_STATUSES } from './order.rules.js';
import { Shipment } from './shipment.entity.js';

/** Everything for staff and partners; a customer-portal user sees its own customer's orders only. */
export function visibleOrders(ctx: RequestContext): FilterQuery<Order> {
  return customerScopeFilter(ctx.caller, 'orders:read', salesPolicy, 'customerId') as FilterQuery<Order>;
}

/** The read path's twin of `visibleOrders`, on alias `t`. */
function visibleOrdersSql(ctx: RequestContext): Sql {
  return customerScopeSql(ctx.caller, 'orders:read', salesPolicy, raw('t.customer_id')) ?? raw('true');
}

export type OrderRow = Row<Order>;
/** `productName`: catalog's current name of the line's product, from sales' copy (read with `product`). */
export type OrderLineRow = Row<OrderLine> & { orderId: string; productName?: string | null };
export type OrderInvoiceRow = Row<OrderInvoice> & { orderId: string };

/** Properties the computed fields of Order and OrderLine read, for `requestedFields`. */
export const ORDER_FIELD_NEEDS = { customer: ['customerId'], warehouse: ['warehouseId'], subtotal: ['subtotalMinor', 'currency'], tax: ['taxMinor', 'currency'], total: ['totalMinor', 'currency'] };
export const LINE_FIELD_NEEDS = {
  product: ['productId', 'name'],
  unitPrice: ['unitPriceMinor', 'currency'],
  taxRate: ['taxRateBp'],
  discount: ['discountMinor', 'currency'],
  net: ['netMinor', 'currency'],
  tax: ['taxMinor', 'currency'],
};

/** One order for a query, read as a row. */
export function findOrder(ctx: RequestContext, id: string, fields: readonly string[]): Promise<OrderRow> {
  return rowById<OrderRow>(ctx, Order, id, fields, { where: [visibleOrdersSql(ctx)] });
}

/** The order as an entity, for a change or a reaction. */
export async function getOrder(ctx: RequestContext, id: string): Promise<Order> {
  const order = isUuid(id) ? await ctx.em.findOne(Order, { $and: [{ id }, visibleOrders(ctx)] }) : null;
  if (!order) throw new NotFoundError('Order', id);
  return order;
}

export async function listOrders(
  ctx: RequestContext,
  filter: { status?: OrderStatus | null; customerId?: string | null; number?: string | null },
  order: { field: 'createdAt' | 'totalMinor'; direction: 'ASC' | 'DESC' },
  page: PageRequest,
  fields: readonly string[],
): Promise<Connection<OrderRow>> {
  const customerId = filter.customerId ? assertUuid(filter.customerId, 'customerId') : null;
  return paginateRows<OrderRow>({
    db: ctx.db,
    entity: Order,
    fields,
    where: [
      visibleOrdersSql(ctx),
      filter.status && sql`t.status = ${filter.status}`,
      customerId && sql`t.customer_id = ${customerId}`,
      filter.number?.trim() && sql`t.number ilike ${likePattern(filter.number)}`,
    ],
    sort: order,
    page,
  });
}

export function orderLoader(ctx: RequestContext, fields: readonly string[]): Loader<string, OrderRow | null> {
  return rowPerKey<OrderRow>(ctx, Order, 'id', fields, { where: [visibleOrdersSql(ctx)] });
}

/**
 * Lines of many orders in one statement; the order's visibility was checked where the order was read. With `product`
 * asked for, each line also carries its product's current name from sales' copy (the same statement).
 */
export function linesLoader(ctx: RequestContext, fields: readonly string[]): Loader<string, OrderLineRow[]> {
  const join = fields.includes('productId')
    ? { name: 'productName', table: sql`left join ${ctx.db.table(ProductName, 'p')} on p.id = t.product_id`, columns: raw('p.name as "productName"') }
    : undefined;
  return rowsPerKey<OrderLineRow>(ctx, OrderLine, 'orderId', fields, { orderBy: sql`t.position`, join });
}

/** The invoice (not void) of many orders in one statement, from sales' copy of billing's invoices. */
export function orderInvoiceLoader(ctx: RequestContext): Loader<string, OrderInvoiceRow | null> {
  return rowPerKey<OrderInvoiceRow>(ctx, OrderInvoice, 'orderId', ['number'], { where: [raw('not t.voided')] });
}

export type OrderStatusChangeRow = Row<OrderStatusChange> & { orderId: string };
export type ShipmentRow = Row<Shipment> & { orderId: string };

/** Every status change of many orders in one statement, oldest first. */
export function historyLoader(ctx: RequestContext, fields: readonly string[]): Loader<string, OrderStatusChangeRow[]> {
  return rowsPerKey<OrderStatusChangeRow>(ctx, OrderStatusChange, 'orderId', fields, { orderBy: sql`t.at, t.id` });
}

/** Shipments of many orders in one statement, first shipped first. */
export function shipmentsLoader(ctx: RequestContext, fields: readonly string[]): Loader<string, ShipmentRow[]> {
  return rowsPerKey<ShipmentRow>(ctx, Shipment, 'orderId', fields, { orderBy: sql`t.shipped_at, t.id` });
}

/** Units sold per product (orders placed and not cancelled), one GROUP BY per batch. */
export function salesCountLoader(ctx: RequestContext): Loader<string, number> {
  return ctx.loaders.get('Product.salesCount', async (productIds) => {
    const valid = productIds.filter(isUuid);
    const rows = valid.length
      ? await ctx.db.rows<{ productId: string; sold: bigint }>(
          sql`select l.product_id as "productId", sum(l.quantity) as sold
              from ${ctx.db.table(OrderLine, 'l')} join ${ctx.db.table(Order, 'o')} on o.id = l.order_id
              where l.product_id = any(${valid}::uuid[]) and o.status = any(${SOLD_STATUSES}::text[]) group by l.product_id`,
        )
      : [];
    const sold = new Map(rows.map((row) => [row.productId, Number(row.sold)]));
    return productIds.map((id) => sold.get(id) ?? 0);
  });
}

/**
 * The first page of many customers' orders, newest first, in two statements per batch whatever the number of
 * customers. Paging further (`after`) goes through the top-level `orders` query.
 */
export function customerOrdersLoader(
  ctx: RequestContext,
  first: number | null | undefined,
  status: OrderStatus | null | undefined,
  fields: readonly string[],
): Loader<string, Connection<OrderRow>> {
  const limit = pageSize(first);
  return ctx.loaders.get(`Customer.orders:${limit}:${status ?? '*'}:${fields.join(',')}`, async (customerIds) => {
    const scope = customerScope(ctx.caller, 'orders:read', salesPolicy);
    const visible = customerIds.filter((id) => isUuid(id) && (scope.kind === 'all' || scope.customerId === id));
    const pages = await firstPagePerKey<OrderRow & { createdAt: Date }>(visible, {
      db: ctx.db,
      entity: Order,
      key: 'customerId',
      fields,
      where: [status && sql`t.status = ${status}`],
      limit,
    });
    const byCustomer = new Map(visible.map((id, index) => [id, pages[index]!]));
    return customerIds.map((id) => byCustomer.get(id) ?? emptyConnection<OrderRow>());
  });
}
