import type { OrderStatus } from '@erp/contracts';
import {
  actingUserId,
  auditOutboxEvent,
  canSeeCustomer,
  entityChange,
  ConflictError,
  DomainError,
  idempotencyClaim,
  isClaimTaken,
  isUuid,
  NotFoundError,
  previousClaim,
  requiredText,
  type IdempotencyClaim,
  type OutboxEvent,
  type RequestContext,
} from '@erp/platform';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { orderTransitionEvents } from './order.events.js';
import type { OrderLine } from './order-line.entity.js';
import { OrderStatusChange } from './order-status-change.entity.js';
import { Order } from './order.entity.js';
import { getOrder, visibleOrders } from './order-query.service.js';
import { findOrderWithLines, savePlacement } from './order-write.repository.js';
import { assertTransition } from './order.rules.js';
import { recentDrafts } from './recent-drafts.js';
import { releaseOrderStock, reserveOrderStock } from './order-stock.js';
import { salesPolicy } from '../../policy.js';
import { Shipment } from './shipment.entity.js';

const STAMP: Partial<Record<OrderStatus, 'placedAt' | 'confirmedAt' | 'shippedAt' | 'deliveredAt' | 'cancelledAt'>> = {
  PLACED: 'placedAt',
  CONFIRMED: 'confirmedAt',
  SHIPPED: 'shippedAt',
  DELIVERED: 'deliveredAt',
  CANCELLED: 'cancelledAt',
};

/** How often placing re-reads an order that another transition changed under it, before answering CONFLICT. */
const PLACE_ATTEMPTS = 5;

/**
 * Moves an order (with its lines loaded) to `to` in memory: its status, stamp and version, who did it and when, and the
 * events with the order's snapshot. The caller writes it.
 */
function applyTransition(
  ctx: RequestContext,
  order: Order,
  lines: readonly OrderLine[],
  to: OrderStatus,
  reason: string | null = null,
): { change: OrderStatusChange; events: OutboxEvent[] } {
  assertTransition(order.status, to);
  const at = new Date();
  const from = order.status;
  const byUserId = actingUserId(ctx);
  const change = Object.assign(new OrderStatusChange(), { order, from, to, byUserId, reason, at });
  order.status = to;
  const stamp = STAMP[to];
  if (stamp) order[stamp] = at;
  order.updatedAt = at;
  return { change, events: orderTransitionEvents(order, lines, { from, at, byUserId, reason }) };
}

/**
 * Moves an order to `to` under a row lock, so two concurrent transitions of one order run one after the other and
 * the second sees the first's result; records who did it and when, and the events with the order's snapshot.
 */
function transition(
  ctx: RequestContext,
  id: string,
  to: OrderStatus,
  options: { reason?: string | null; apply?: (order: Order, em: EntityManager) => void } = {},
): Promise<Order> {
  return ctx.em.transactional(async (em) => {
    // The events carry the lines: the statement that locks the order loads them too (joined; `for update of` the order only).
    const order = isUuid(id)
      ? await em.findOne(Order, { $and: [{ id }, visibleOrders(ctx)] }, { lockMode: LockMode.PESSIMISTIC_WRITE, populate: ['lines'], strategy: 'joined' })
      : null;
    if (!order) throw new NotFoundError('Order', id);
    const { change, events } = applyTransition(ctx, order, order.lines.getItems(), to, options.reason ?? null);
    em.persist([change, ...events]);
    options.apply?.(order, em);
    await em.flush();
    ctx.log.info({ orderId: order.id, status: to }, 'order status changed');
    return order;
  });
}

/** The order an earlier placeOrder with this key answered, or null when the key is free (CONFLICT if it was used otherwise). */
async function replayed(ctx: RequestContext, claim: IdempotencyClaim): Promise<Order | null> {
  const previous = await previousClaim(ctx.db, claim);
  return previous ? getOrder(ctx, previous.resultId) : null;
}

/**
 * DRAFT → PLACED. Placing is retried by clients after time-outs: the same idempotency key replays the first result
 * and writes nothing twice; the same key for another order is a CONFLICT.
 *
 * The order's stock is reserved in inventory first (all lines or none: INSUFFICIENT_STOCK, and nothing is written
 * here); the reservation is idempotent by order, so retries and concurrent placements of one order reserve once. A
 * placement that fails after its reservation releases it, unless the order did get placed (by a concurrent placement
 * with the same key, or a write whose answer was lost).
 *
 * Two statements, no transaction held open between them: the order and its lines are read, the placement is applied in
 * memory (rules, events), and one statement writes it only if the order's version has not moved since (else it reads
 * again), claiming the key in the same statement. A concurrent placement with the same key either finds its write
 * already done (the version moved: it re-reads, is refused, and replays the claim) or trips over the claim.
 */
export async function placeOrder(ctx: RequestContext, id: string, idempotencyKey: string): Promise<Order> {
  const reservation = { made: false };
  try {
    return await placeReserved(ctx, id, idempotencyKey, reservation);
  } catch (error) {
    if (reservation.made) await compensate(ctx, id);
    throw error;
  }
}

/** Releases the reservation of an order whose placement failed, unless the order is placed after all. */
async function compensate(ctx: RequestContext, id: string): Promise<void> {
  let found: Awaited<ReturnType<typeof findOrderWithLines>>;
  try {
    found = await findOrderWithLines(ctx.db, id);
  } catch (error) {
    ctx.log.error({ err: error, orderId: id }, 'a failed placement could not tell whether its order was placed; its stock stays reserved');
    return;
  }
  if (!found || found.order.status === 'DRAFT' || found.order.status === 'CANCELLED') await releaseOrderStock(ctx, id, 'The order’s placement failed');
}

async function placeReserved(ctx: RequestContext, id: string, idempotencyKey: string, reservation: { made: boolean }): Promise<Order> {
  const claim = idempotencyClaim(ctx.db.metadata, 'placeOrder', idempotencyKey, { id });
  for (let attempt = 1; ; attempt += 1) {
    let placing: Awaited<ReturnType<typeof placementOf>>;
    try {
      placing = await placementOf(ctx, id);
    } catch (refusal) {
      if (!(refusal instanceof DomainError)) throw refusal;
      // A key already used answers as it did the first time, whatever the order has become since.
      const replay = await replayed(ctx, claim);
      if (replay) return replay;
      throw refusal;
    }
    const { order, lines, expectedVersion, change, events } = placing;
    if (!reservation.made) {
      try {
        await reserveOrderStock(ctx, order, lines);
      } catch (error) {
        // A refusal reserved nothing; an inventory that did not answer may have reserved: release to be sure.
        if (!(error instanceof DomainError) || error.code === 'SUBGRAPH_UNAVAILABLE') reservation.made = true;
        throw error;
      }
      reservation.made = true;
    }
    try {
      if (await savePlacement(ctx.db, order, expectedVersion, change, events, claim)) {
        ctx.log.info({ orderId: order.id, status: order.status }, 'order status changed');
        return order;
      }
    } catch (error) {
      if (!isClaimTaken(error, claim)) throw error;
      const replay = await replayed(ctx, claim);
      if (replay) return replay;
      // The claim in the way is gone again (deleted since): the key is free, try again.
    }
    if (attempt >= PLACE_ATTEMPTS) throw new ConflictError('The order kept changing while it was being placed; try again.', { field: 'id' });
  }
}

/**
 * The order as it now is (or as this instance just created it: the write checks its version), placed in memory:
 * NOT_FOUND if the caller cannot see it, CONFLICT if it cannot be placed.
 */
async function placementOf(ctx: RequestContext, id: string) {
  const found = isUuid(id) ? (recentDrafts(ctx.db).take(id) ?? (await findOrderWithLines(ctx.db, id))) : null;
  if (!found || !canSeeCustomer(ctx.caller, 'orders:read', salesPolicy, found.order.customerId)) throw new NotFoundError('Order', id);
  const { order, lines } = found;
  const expectedVersion = order.version;
  const before = { ...order };
  const { change, events } = applyTransition(ctx, order, lines, 'PLACED');
  order.version = expectedVersion + 1;
  // Written by the placement's one statement with its other outbox rows: the audit costs no round trip.
  const audit = auditOutboxEvent([
    entityChange(ctx.db.metadata, Order, order.id, before, order),
    entityChange(ctx.db.metadata, OrderStatusChange, change.id, null, change),
  ]);
  return { order, lines, expectedVersion, change, events: audit ? [...events, audit] : events };
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
