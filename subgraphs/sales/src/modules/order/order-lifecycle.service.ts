import type { OrderStatus } from '@erp/contracts';
import { actingUserId, isUuid, NotFoundError, requiredText, withIdempotency, type RequestContext } from '@erp/platform';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { recordOrderTransition } from './order.events.js';
import { OrderStatusChange } from './order-status-change.entity.js';
import { Order } from './order.entity.js';
import { getOrder, visibleOrders } from './order-query.service.js';
import { assertTransition } from './order.rules.js';
import { Shipment } from './shipment.entity.js';

const STAMP: Partial<Record<OrderStatus, 'placedAt' | 'confirmedAt' | 'shippedAt' | 'deliveredAt' | 'cancelledAt'>> = {
  PLACED: 'placedAt',
  CONFIRMED: 'confirmedAt',
  SHIPPED: 'shippedAt',
  DELIVERED: 'deliveredAt',
  CANCELLED: 'cancelledAt',
};

/**
 * Moves an order to `to` under a row lock, so two concurrent transitions of one order run one after the other and
 * the second sees the first's result; records who did it and when, and the events with the order's snapshot.
 */
async function transitionIn(
  em: EntityManager,
  ctx: RequestContext,
  id: string,
  to: OrderStatus,
  options: { reason?: string | null; apply?: (order: Order, em: EntityManager) => void } = {},
): Promise<Order> {
  // The events carry the lines: the statement that locks the order loads them too (joined; `for update of` the order only).
  const order = isUuid(id)
    ? await em.findOne(Order, { $and: [{ id }, visibleOrders(ctx)] }, { lockMode: LockMode.PESSIMISTIC_WRITE, populate: ['lines'], strategy: 'joined' })
    : null;
  if (!order) throw new NotFoundError('Order', id);
  assertTransition(order.status, to);
  const now = new Date();
  const previous = order.status;
  em.create(OrderStatusChange, { order, from: order.status, to, byUserId: actingUserId(ctx), reason: options.reason ?? null, at: now });
  order.status = to;
  const stamp = STAMP[to];
  if (stamp) order[stamp] = now;
  options.apply?.(order, em);
  recordOrderTransition(em, order, { from: previous, at: now, byUserId: actingUserId(ctx), reason: options.reason ?? null });
  await em.flush();
  ctx.log.info({ orderId: order.id, status: to }, 'order status changed');
  return order;
}

function transition(ctx: RequestContext, id: string, to: OrderStatus, options?: Parameters<typeof transitionIn>[4]): Promise<Order> {
  return ctx.em.transactional((em) => transitionIn(em, ctx, id, to, options));
}

/** Placing is retried by clients after time-outs: the same idempotency key replays the first result. */
export async function placeOrder(ctx: RequestContext, id: string, idempotencyKey: string): Promise<Order> {
  const { resultId } = await withIdempotency(ctx.em, 'placeOrder', idempotencyKey, { id }, async (tx) => {
    const order = await transitionIn(tx, ctx, id, 'PLACED');
    return order.id;
  });
  ctx.em.clear();
  return getOrder(ctx, resultId);
}

export function confirmOrder(ctx: RequestContext, id: string): Promise<Order> {
  return transition(ctx, id, 'CONFIRMED');
}

export function shipOrder(ctx: RequestContext, id: string, input: { carrier: string; trackingNumber: string }): Promise<Order> {
  const carrier = requiredText(input.carrier, 'carrier', 100);
  const trackingNumber = requiredText(input.trackingNumber, 'trackingNumber', 100);
  return transition(ctx, id, 'SHIPPED', { apply: (order, em) => em.create(Shipment, { order, carrier, trackingNumber }) });
}

export function markOrderDelivered(ctx: RequestContext, id: string): Promise<Order> {
  return transition(ctx, id, 'DELIVERED');
}

export function cancelOrder(ctx: RequestContext, id: string, reason: string): Promise<Order> {
  const why = requiredText(reason, 'reason', 2_000);
  return transition(ctx, id, 'CANCELLED', { reason: why, apply: (order) => (order.cancelReason = why) });
}
