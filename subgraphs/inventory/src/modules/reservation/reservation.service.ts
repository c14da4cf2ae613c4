import { actingUserId, assertUuid, BadUserInputError, ConflictError, type EntityManager, type RequestContext } from '@erp/platform';
import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import { StockItem } from '../stock/stock-item.entity.js';
import { applyStockMoves } from '../stock/stock-ledger.js';
import { activeWarehouse, defaultWarehouse } from '../warehouse/warehouse.service.js';
import { Reservation, type ReservedLine } from './reservation.entity.js';

const MAX_LINES = 200;

/** The order's lines, one per product (an order may hold a product on several lines), checked. */
export function reservedLines(lines: readonly { productId: string; quantity: number }[]): ReservedLine[] {
  if (lines.length > MAX_LINES) throw new BadUserInputError(`A reservation has at most ${MAX_LINES} lines.`, { field: 'lines' });
  const quantities = new Map<string, number>();
  lines.forEach((line, index) => {
    const productId = assertUuid(line.productId, `lines[${index}].productId`);
    if (!Number.isInteger(line.quantity) || line.quantity < 1) {
      throw new BadUserInputError(`lines[${index}].quantity must be a whole number of at least 1.`, { field: `lines[${index}].quantity` });
    }
    quantities.set(productId, (quantities.get(productId) ?? 0) + line.quantity);
  });
  return [...quantities].map(([productId, quantity]) => ({ productId, quantity })).sort((a, b) => a.productId.localeCompare(b.productId));
}

/**
 * Reserves an order's stock-tracked lines in one warehouse (the one named, else the default), all or nothing:
 * INSUFFICIENT_STOCK names every short line and reserves nothing. Idempotent by order: while the order holds an active
 * reservation, reserving again answers it unchanged (a retried placement, or two at once: the second waits on the
 * first's unique reservation and answers it). Lines of products not tracked are left out.
 */
export async function reserveForOrder(
  ctx: RequestContext,
  input: { orderId: string; warehouseId?: string | null; lines: readonly { productId: string; quantity: number }[] },
): Promise<Reservation> {
  const orderId = assertUuid(input.orderId, 'orderId');
  const lines = reservedLines(input.lines);
  const warehouseId = input.warehouseId ? assertUuid(input.warehouseId, 'warehouseId') : null;
  try {
    return await ctx.em.transactional(async (em) => {
      const existing = await activeReservation(em, orderId);
      if (existing) return existing;
      const tracked = new Set(
        (await em.find(StockItem, { productId: lines.map((line) => line.productId), tracked: true }, { fields: ['productId'] })).map((item) => item.productId),
      );
      const held = lines.filter((line) => tracked.has(line.productId));
      const warehouse = warehouseId ? await activeWarehouse(em, warehouseId) : await defaultWarehouse(em);
      if (!warehouse && held.length > 0) throw new ConflictError('There is no warehouse to reserve stock from; create one first.', { field: 'warehouseId' });
      // Nothing tracked, nothing to hold: no row, so an order of services costs inventory two reads.
      if (held.length === 0) return Object.assign(new Reservation(), { id: null, orderId, warehouseId: warehouse?.id ?? null, lines: [] }) as unknown as Reservation;
      const reservation = em.create(Reservation, { orderId, warehouseId: warehouse!.id, lines: held });
      await applyStockMoves(
        em,
        held.map((line) => ({
          productId: line.productId,
          warehouseId: warehouse!.id,
          kind: 'RESERVATION' as const,
          onHandChange: 0,
          reservedChange: line.quantity,
          documentType: 'ORDER',
          documentId: orderId,
        })),
        actingUserId(ctx),
      );
      await em.flush();
      return reservation;
    });
  } catch (error) {
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
    const existing = await activeReservation(ctx.em.fork(), orderId);
    if (!existing) throw error;
    return existing;
  }
}

/** The order's active reservation, locked for the change that follows. */
function activeReservation(em: EntityManager, orderId: string, lock = false): Promise<Reservation | null> {
  return em.findOne(Reservation, { orderId, status: 'ACTIVE' }, lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {});
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
