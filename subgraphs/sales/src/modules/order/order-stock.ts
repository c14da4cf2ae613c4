import { actingUserId, serviceCaller, type RequestContext } from '@erp/platform';
import { ReleaseStockForOrderDocument, ReserveStockForOrderDocument } from '../../peers/generated.js';
import type { OrderLine } from './order-line.entity.js';
import type { Order } from './order.entity.js';

/*
 * An order's stock is inventory's: placing reserves it there first (a peer command), and a placement that then fails
 * gives it back. Cancelling and shipping reach inventory through the order's events. The commands are sent as sales
 * itself, not as the caller: sales has decided the caller may place the order (orders:write), and reserving its stock
 * is part of that, whatever scopes an API key holds; the user is named for the stock movements.
 */
const AS_SALES = serviceCaller('sales');

const asSales = (ctx: RequestContext) => ({ caller: AS_SALES, requestId: ctx.requestId });

/** Reserves the order's lines in its warehouse (or inventory's default), all or nothing: INSUFFICIENT_STOCK otherwise. */
export async function reserveOrderStock(ctx: RequestContext, order: Order, lines: readonly OrderLine[]): Promise<void> {
  const input = {
    orderId: order.id,
    warehouseId: order.warehouseId,
    lines: lines.map((line) => ({ productId: line.productId, quantity: line.quantity })),
    byUserId: actingUserId(ctx),
  };
  await ctx.peers.mutate(asSales(ctx), 'inventory', ReserveStockForOrderDocument, { input });
}

/**
 * The compensation of a placement that failed after its reservation. It must not fail the request a second time: an
 * inventory that cannot be reached now keeps the stock reserved (never oversold) and the failure is logged.
 */
export async function releaseOrderStock(ctx: RequestContext, orderId: string, reason: string): Promise<void> {
  try {
    await ctx.peers.mutate(asSales(ctx), 'inventory', ReleaseStockForOrderDocument, { orderId, reason, byUserId: actingUserId(ctx) });
  } catch (error) {
    ctx.log.error({ err: error, orderId }, 'the reservation of an order that was not placed could not be released');
  }
}
