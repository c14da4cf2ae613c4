import type { OrderStatus } from '@erp/contracts';
import {
  assertUuid,
  customerScope,
  customerScopeFilter,
  emptyConnection,
  firstPagePerKey,
  groupByKey,
  isUuid,
  NotFoundError,
  pageSize,
  paginate,
  tableOf,
  type Connection,
  type Loader,
  type PageRequest,
  type RequestContext,
} from '@erp/platform';
import type { FilterQuery } from '@mikro-orm/core';
import { salesPolicy } from '../../policy.js';
import { OrderLine } from './order-line.entity.js';
import { OrderStatusChange } from './order-status-change.entity.js';
import { Order } from './order.entity.js';
import { SOLD_STATUSES } from './order.rules.js';
import { Shipment } from './shipment.entity.js';

/** Everything for staff and partners; a customer-portal user sees its own customer's orders only. */
export function visibleOrders(ctx: RequestContext): FilterQuery<Order> {
  return customerScopeFilter(ctx.caller, 'orders:read', salesPolicy, 'customerId') as FilterQuery<Order>;
}

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
): Promise<Connection<Order>> {
  const where: FilterQuery<Order>[] = [visibleOrders(ctx)];
  if (filter.status) where.push({ status: filter.status });
  if (filter.customerId) where.push({ customerId: assertUuid(filter.customerId, 'customerId') });
  if (filter.number?.trim()) where.push({ number: { $ilike: `%${filter.number.trim()}%` } });
  return paginate(ctx.em, Order, { $and: where }, order, page);
}

export function orderLoader(ctx: RequestContext): Loader<string, Order | null> {
  return ctx.loaders.get('Order.byId', async (ids) => {
    const valid = ids.filter(isUuid);
    const rows = valid.length ? await ctx.em.find(Order, { $and: [{ id: { $in: valid } }, visibleOrders(ctx)] }) : [];
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

export function linesLoader(ctx: RequestContext): Loader<string, OrderLine[]> {
  return ctx.loaders.get('Order.lines', async (orderIds) =>
    groupByKey(orderIds, await ctx.em.find(OrderLine, { order: { $in: [...orderIds] } }, { orderBy: { position: 'ASC' } }), (line) => line.order.id),
  );
}

export function historyLoader(ctx: RequestContext): Loader<string, OrderStatusChange[]> {
  return ctx.loaders.get('Order.statusHistory', async (orderIds) =>
    groupByKey(orderIds, await ctx.em.find(OrderStatusChange, { order: { $in: [...orderIds] } }, { orderBy: { at: 'ASC', id: 'ASC' } }), (c) => c.order.id),
  );
}

export function shipmentsLoader(ctx: RequestContext): Loader<string, Shipment[]> {
  return ctx.loaders.get('Order.shipments', async (orderIds) =>
    groupByKey(orderIds, await ctx.em.find(Shipment, { order: { $in: [...orderIds] } }, { orderBy: { shippedAt: 'ASC' } }), (s) => s.order.id),
  );
}

/** Units sold per product (orders placed and not cancelled), one GROUP BY per batch. */
export function salesCountLoader(ctx: RequestContext): Loader<string, number> {
  return ctx.loaders.get('Product.salesCount', async (productIds) => {
    const valid = productIds.filter(isUuid);
    const rows: { product_id: string; sold: string }[] = valid.length
      ? await ctx.em.getConnection().execute(
          `select l.product_id, sum(l.quantity) as sold from ${tableOf(ctx.em, OrderLine)} l join ${tableOf(ctx.em, Order)} o on o.id = l.order_id
           where l.product_id = any(?::uuid[]) and o.status = any(?::text[]) group by l.product_id`,
          [`{${valid.join(',')}}`, `{${SOLD_STATUSES.join(',')}}`],
        )
      : [];
    const sold = new Map(rows.map((row) => [row.product_id, Number(row.sold)]));
    return productIds.map((id) => sold.get(id) ?? 0);
  });
}

/**
 * The first page of many customers' orders, newest first, in two statements per batch whatever the number of
 * customers. Paging further (`after`) goes through the top-level `orders` query.
 */
export function customerOrdersLoader(ctx: RequestContext, first: number | null | undefined, status: OrderStatus | null | undefined): Loader<string, Connection<Order>> {
  const limit = pageSize(first);
  return ctx.loaders.get(`Customer.orders:${limit}:${status ?? '*'}`, async (customerIds) => {
    const scope = customerScope(ctx.caller, 'orders:read', salesPolicy);
    const visible = customerIds.filter((id) => isUuid(id) && (scope.kind === 'all' || scope.customerId === id));
    const pages = await firstPagePerKey(ctx.em, visible, {
      entity: Order,
      keyColumn: 'customer_id',
      keyOf: (order) => order.customerId,
      where: status ? { sql: 't.status = ?', params: [status] } : undefined,
      limit,
    });
    const byCustomer = new Map(visible.map((id, index) => [id, pages[index]!]));
    return customerIds.map((id) => byCustomer.get(id) ?? emptyConnection<Order>());
  });
}
