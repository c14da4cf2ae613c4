import type { StockMovementKind } from '@erp/contracts';
import { BadUserInputError } from '@erp/platform';

/** The most units one movement, order line or purchase order line may name. */
export const MAX_QUANTITY = 1_000_000_000;

/** A count of units from `min` (1 unless said) to MAX_QUANTITY; BAD_USER_INPUT naming the field otherwise. */
export function wholeQuantity(value: number, field: string, min = 1): number {
  if (!Number.isInteger(value) || value < min || value > MAX_QUANTITY) throw new BadUserInputError(`${field} must be a whole number from ${min} to ${MAX_QUANTITY}.`, { field });
  return value;
}

/** A change of units either way (an adjustment): whole, not 0, at most MAX_QUANTITY either way. */
export function signedQuantity(value: number, field: string): number {
  if (!Number.isInteger(value) || value === 0 || Math.abs(value) > MAX_QUANTITY) {
    throw new BadUserInputError(`${field} must be a whole number other than 0, at most ${MAX_QUANTITY} either way.`, { field });
  }
  return value;
}

export interface Quantities {
  onHand: number;
  reserved: number;
}

export const available = (level: Quantities): number => level.onHand - level.reserved;

/** A level is consistent when nothing is reserved below zero and no more is reserved than is on hand. */
export function isConsistent(level: Quantities): boolean {
  return level.reserved >= 0 && level.onHand >= level.reserved;
}

/**
 * A change makes the product low in a warehouse when available falls to or under the reorder point from above it:
 * one `stock.low` per crossing, not one per movement while it stays low.
 */
export function crossesReorderPoint(before: Quantities, after: Quantities, reorderPoint: number | null): boolean {
  return reorderPoint !== null && available(after) <= reorderPoint && available(before) > reorderPoint;
}

/** What one movement kind may change: reservations move reserved only; receipts and issues move on hand. */
export const MOVEMENT_SHAPE: Record<StockMovementKind, { onHand: -1 | 0 | 1 | 'any'; reserved: -1 | 0 | 1 }> = {
  RECEIPT: { onHand: 1, reserved: 0 },
  TRANSFER_IN: { onHand: 1, reserved: 0 },
  TRANSFER_OUT: { onHand: -1, reserved: 0 },
  ADJUSTMENT: { onHand: 'any', reserved: 0 },
  RESERVATION: { onHand: 0, reserved: 1 },
  RELEASE: { onHand: 0, reserved: -1 },
  ISSUE: { onHand: -1, reserved: -1 },
};

/** Checks a movement against its kind's shape; a programming error otherwise, never a caller's. */
export function assertMovementShape(kind: StockMovementKind, onHandChange: number, reservedChange: number): void {
  const shape = MOVEMENT_SHAPE[kind];
  const sign = (n: number) => Math.sign(n) as -1 | 0 | 1;
  const onHandOk = shape.onHand === 'any' ? onHandChange !== 0 : sign(onHandChange) === shape.onHand;
  if (!onHandOk || sign(reservedChange) !== shape.reserved || !Number.isInteger(onHandChange) || !Number.isInteger(reservedChange)) {
    throw new Error(`A ${kind} movement cannot change on hand by ${onHandChange} and reserved by ${reservedChange}.`);
  }
}
