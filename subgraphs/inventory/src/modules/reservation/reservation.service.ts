import { randomUUID } from 'node:crypto';
import { actingUserId, assertUuid, BadUserInputError, ConflictError, NotFoundError, requiredText, type EntityManager, type RequestContext } from '@erp/platform';
import { LockMode } from '@mikro-orm/core';
import { InsufficientStockError } from '../stock/insufficient-stock.error.js';
import { wholeQuantity } from '../stock/stock.rules.js';
import { applyStockMoves } from '../stock/stock-ledger.js';
import { Reservation, type ReservedLine } from './reservation.entity.js';
import { reserveInOneStatement, type ReservationRow } from './reservation-write.repository.js';

const MAX_LINES = 200;

/** The order's lines, one per product (an order may hold a product on several lines), checked. */
export function reservedLines(lines: readonly { productId: string; quantity: number }[]): ReservedLine[] {
  if (lines.length > MAX_LINES) throw new BadUserInputError(`A reservation has at most ${MAX_LINES} lines.`, { field: 'lines' });
  const quantities = new Map<string, number>();
  lines.forEach((line, index) => {
    const productId = assertUuid(line.productId, `lines[${index}].productId`);
    wholeQuantity(line.quantity, `lines[${index}].quantity`);
    quantities.set(productId, (quantities.get(productId) ?? 0) + line.quantity);
  });
  return [...quantities].map(([productId, quantity]) => ({ productId, quantity })).sort((a, b) => a.productId.localeCompare(b.productId));
}

/** An order's reservation as the graph shows it: `id` null when nothing of the order is stock-tracked. */
export interface ReservationView {
  id: string | null;
  orderId: string;
  warehouseId: string | null;
  status: 'ACTIVE';
  lines: ReservedLine[];
}

/**
 * Reserves an order's stock-tracked lines in one warehouse (the one named, else the default), all or nothing:
 * INSUFFICIENT_STOCK names every short line and reserves nothing. Idempotent by order: while the order holds an active
 * reservation, reserving again answers it unchanged (a retried placement, or two at once: the second finds the
 * first's claim). Lines of products not tracked are left out; an order of nothing tracked reserves nothing and writes
 * nothing. One statement (`reserveInOneStatement`).
 */
export async function reserveForOrder(
  ctx: RequestContext,
  input: { orderId: string; warehouseId?: string | null; lines: readonly { productId: string; quantity: number }[]; byUserId?: string | null },
): Promise<ReservationView> {
  const orderId = assertUuid(input.orderId, 'orderId');
  const lines = reservedLines(input.lines);
  const warehouseId = input.warehouseId ? assertUuid(input.warehouseId, 'warehouseId') : null;
  const byUserId = userActedFor(ctx, input.byUserId);
  const outcome = await reserveInOneStatement(ctx.db, { reservationId: randomUUID(), orderId, warehouseId, lines, byUserId, at: new Date() });
  const view = (row: ReservationRow): ReservationView => ({ id: row.id, orderId, warehouseId: row.warehouseId, status: 'ACTIVE', lines: row.lines });
  if (outcome.existing) return view(outcome.existing);
  if (outcome.claimed) return view(outcome.claimed);
  if (warehouseId && !outcome.warehouse) throw new NotFoundError('Warehouse', warehouseId);
  if (outcome.tracked === 0) return { id: null, orderId, warehouseId: outcome.warehouse?.id ?? null, status: 'ACTIVE', lines: [] };
  if (!outcome.warehouse) throw new ConflictError('There is no warehouse to reserve stock from; create one first.', { field: 'warehouseId' });
  if (!outcome.warehouse.active) throw new ConflictError(`Warehouse ${outcome.warehouse.code} is not active.`, { field: 'warehouseId' });
  if (outcome.short) throw new InsufficientStockError(outcome.short.map((line) => ({ ...line, warehouseId: outcome.warehouse!.id })));
  // A concurrent reservation of the same order claimed it first: answer that one.
  const claimedMeanwhile = await activeReservation(ctx.em.fork(), orderId);
  if (!claimedMeanwhile) throw new ConflictError('The order’s stock was being reserved at the same moment; try again.', { field: 'orderId' });
  return view({ id: claimedMeanwhile.id, warehouseId: claimedMeanwhile.warehouseId!, lines: claimedMeanwhile.lines });
}

/** The order's active reservation, locked for the change that follows. */
function activeReservation(em: EntityManager, orderId: string, lock = false): Promise<Reservation | null> {
  return em.findOne(Reservation, { orderId, status: 'ACTIVE' }, lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {});
}

/** The user a command names (sales sends the one placing the order; the caller is sales itself), else the caller's. */
function userActedFor(ctx: RequestContext, named: string | null | undefined): string | null {
  return named ? assertUuid(named, 'byUserId') : actingUserId(ctx);
}

/** The compensation command of a placement that failed after reserving: releases what the order holds, if anything. */
export function releaseForFailedPlacement(ctx: RequestContext, input: { orderId: string; reason: string; byUserId?: string | null }): Promise<Reservation | null> {
  const reason = requiredText(input.reason, 'reason', 500);
  return releaseForOrder(ctx.em, assertUuid(input.orderId, 'orderId'), userActedFor(ctx, input.byUserId), reason);
}

/**
 * Gives an order's reserved stock back (the order was cancelled, or its placement failed after the reservation).
 * Idempotent: an order without an active reservation answers null and changes nothing.
 */
export function releaseForOrder(em: EntityManager, orderId: string, byUserId: string | null, reason: string): Promise<Reservation | null> {
  return endReservation(em, orderId, byUserId, 'RELEASED', reason);
}

/** The goods left: on hand and reserved both drop by what the order reserved. Idempotent like releasing. */
export function issueForOrder(em: EntityManager, orderId: string, byUserId: string | null): Promise<Reservation | null> {
  return endReservation(em, orderId, byUserId, 'ISSUED', null);
}

async function endReservation(em: EntityManager, orderId: string, byUserId: string | null, to: 'RELEASED' | 'ISSUED', reason: string | null): Promise<Reservation | null> {
  return em.transactional(async (tx) => {
    const reservation = await activeReservation(tx, orderId, true);
    if (!reservation) return null;
    await applyStockMoves(
      tx,
      reservation.lines.map((line) => ({
        productId: line.productId,
        warehouseId: reservation.warehouseId!,
        kind: to === 'ISSUED' ? ('ISSUE' as const) : ('RELEASE' as const),
        onHandChange: to === 'ISSUED' ? -line.quantity : 0,
        reservedChange: -line.quantity,
        reason,
        documentType: 'ORDER',
        documentId: orderId,
      })),
      byUserId,
    );
    reservation.status = to;
    await tx.flush();
    return reservation;
  });
}
