import type { PurchaseOrderStatus } from '@erp/contracts';
import { BadUserInputError, ConflictError, isUuid, minorDigits, parseDecimal } from '@erp/platform';
import { wholeQuantity } from '../stock/stock.rules.js';

/** DRAFT → SENT → PARTIALLY_RECEIVED → RECEIVED; CANCELLED from DRAFT or SENT only (once goods arrived it is not). */
export const PURCHASE_ORDER_TRANSITIONS: Record<PurchaseOrderStatus, readonly PurchaseOrderStatus[]> = {
  DRAFT: ['SENT', 'CANCELLED'],
  SENT: ['PARTIALLY_RECEIVED', 'RECEIVED', 'CANCELLED'],
  PARTIALLY_RECEIVED: ['PARTIALLY_RECEIVED', 'RECEIVED'],
  RECEIVED: [],
  CANCELLED: [],
};

/** Statuses in which goods may still arrive. */
export const RECEIVABLE_STATUSES: readonly PurchaseOrderStatus[] = ['SENT', 'PARTIALLY_RECEIVED'];

export function canTransition(from: PurchaseOrderStatus, to: PurchaseOrderStatus): boolean {
  return PURCHASE_ORDER_TRANSITIONS[from].includes(to);
}

/** CONFLICT naming the current status when `action` (leading to `to`) is not allowed from it. */
export function assertTransition(from: PurchaseOrderStatus, to: PurchaseOrderStatus, action: string): void {
  if (!canTransition(from, to)) throw new ConflictError(`The purchase order is ${from}: it cannot be ${action}.`, { currentStatus: from });
}

/** Lines, supplier and warehouse change only while the order is a draft: a sent order is what the supplier has. */
export function assertEditable(status: PurchaseOrderStatus): void {
  if (status !== 'DRAFT') throw new ConflictError(`The purchase order is ${status}: only a draft can be edited.`, { currentStatus: status });
}

export const MAX_LINES = 200;

export interface LineInput {
  productId: string;
  quantity: number;
  /** A decimal in the order's currency, e.g. "10.01"; at most its minor digits. */
  unitCost: string;
}

export interface ParsedLine {
  productId: string;
  quantity: number;
  unitCostMinor: bigint;
}

/** The lines of an order in its currency: 1 to MAX_LINES, one per product (a receipt moves each product once). */
export function parseLines(lines: readonly LineInput[], currency: string): ParsedLine[] {
  if (lines.length === 0 || lines.length > MAX_LINES) throw new BadUserInputError(`A purchase order has 1 to ${MAX_LINES} lines.`, { field: 'lines' });
  const seen = new Set<string>();
  return lines.map((line, index) => {
    const field = `lines[${index}]`;
    if (!isUuid(line.productId)) throw new BadUserInputError(`${field}.productId must be a UUID, got "${line.productId}".`, { field: `${field}.productId` });
    if (seen.has(line.productId)) throw new BadUserInputError(`${field}: product ${line.productId} is already on another line; order it on one line.`, { field: `${field}.productId` });
    seen.add(line.productId);
    const unitCostMinor = parseDecimal(line.unitCost, minorDigits(currency), `${field}.unitCost`);
    if (unitCostMinor < 0n) throw new BadUserInputError(`${field}.unitCost must not be negative.`, { field: `${field}.unitCost` });
    return { productId: line.productId, quantity: wholeQuantity(line.quantity, `${field}.quantity`), unitCostMinor };
  });
}

export interface LineQuantities {
  id: string;
  quantityOrdered: number;
  quantityReceived: number;
}

export const remaining = (line: LineQuantities): number => line.quantityOrdered - line.quantityReceived;

export interface ReceiptLineInput {
  lineId: string;
  quantity: number;
}

export interface ReceiptPlan {
  lines: { lineId: string; quantity: number }[];
  statusAfter: PurchaseOrderStatus;
  /** True when this receipt leaves nothing to come. */
  complete: boolean;
}

/**
 * What a receipt does to an order as it now is: each line of the receipt names one of its lines once, with a quantity
 * from 1 to what is still to come. More than that is a CONFLICT (someone may have received it meanwhile) naming
 * the line, what remains and what was asked. The order is RECEIVED when nothing remains, PARTIALLY_RECEIVED otherwise.
 */
export function planReceipt(status: PurchaseOrderStatus, lines: readonly LineQuantities[], receipt: readonly ReceiptLineInput[]): ReceiptPlan {
  if (!RECEIVABLE_STATUSES.includes(status)) {
    const why = status === 'DRAFT' ? 'send it first' : status === 'RECEIVED' ? 'everything has arrived' : 'it was cancelled';
    throw new ConflictError(`The purchase order is ${status}: nothing can be received (${why}).`, { currentStatus: status });
  }
  if (receipt.length === 0) throw new BadUserInputError('A receipt names at least one line.', { field: 'lines' });
  const byId = new Map(lines.map((line) => [line.id, line]));
  const seen = new Set<string>();
  const planned = receipt.map((entry, index) => {
    const field = `lines[${index}]`;
    const line = byId.get(entry.lineId);
    if (!line) throw new BadUserInputError(`${field}.lineId ${entry.lineId} is not a line of this purchase order.`, { field: `${field}.lineId` });
    if (seen.has(entry.lineId)) throw new BadUserInputError(`${field}: line ${entry.lineId} appears twice in the receipt.`, { field: `${field}.lineId` });
    seen.add(entry.lineId);
    const quantity = wholeQuantity(entry.quantity, `${field}.quantity`);
    if (quantity > remaining(line)) {
      throw new ConflictError(`${field}: ${quantity} received but only ${remaining(line)} of ${line.quantityOrdered} still to come on line ${line.id}; over-receiving is refused.`, {
        field: `${field}.quantity`,
        lineId: line.id,
        remaining: remaining(line),
        requested: quantity,
      });
    }
    return { lineId: line.id, quantity };
  });
  const received = new Map(planned.map((entry) => [entry.lineId, entry.quantity]));
  const complete = lines.every((line) => remaining(line) - (received.get(line.id) ?? 0) === 0);
  return { lines: planned, statusAfter: complete ? 'RECEIVED' : 'PARTIALLY_RECEIVED', complete };
}

export const lineTotalMinor = (line: { quantityOrdered: number; unitCostMinor: bigint }): bigint => BigInt(line.quantityOrdered) * line.unitCostMinor;

export const orderTotalMinor = (lines: readonly { quantityOrdered: number; unitCostMinor: bigint }[]): bigint => lines.reduce((sum, line) => sum + lineTotalMinor(line), 0n);

/** An ISO calendar date (YYYY-MM-DD) that exists. */
export function parseIsoDate(value: string, field: string): string {
  const trimmed = value.trim();
  const date = /^\d{4}-\d{2}-\d{2}$/.test(trimmed) ? new Date(`${trimmed}T00:00:00Z`) : null;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== trimmed) {
    throw new BadUserInputError(`${field} must be a date as YYYY-MM-DD, got "${value}".`, { field });
  }
  return trimmed;
}

/** `days` after `from` as YYYY-MM-DD (UTC). */
export function addDays(from: Date, days: number): string {
  return new Date(from.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

export interface ReorderLevel {
  onHand: number;
  reserved: number;
  reorderPoint: number | null;
  reorderQuantity: number | null;
}

/**
 * How much to order for a level that is low (available at or under its reorder point): its reorder quantity, or
 * without one enough to get available back above the reorder point. Null when the level is not low.
 */
export function quantityToReorder(level: ReorderLevel): number | null {
  if (level.reorderPoint === null) return null;
  const available = level.onHand - level.reserved;
  if (available > level.reorderPoint) return null;
  return level.reorderQuantity ?? level.reorderPoint - available + 1;
}
