import type { OrderStatus } from '@erp/contracts';
import { ConflictError, taxOn } from '@erp/platform';

/** The order lifecycle: forward one step at a time; cancelling is possible until the goods leave. */
const NEXT: Record<OrderStatus, readonly OrderStatus[]> = {
  DRAFT: ['PLACED', 'CANCELLED'],
  PLACED: ['CONFIRMED', 'CANCELLED'],
  CONFIRMED: ['SHIPPED', 'CANCELLED'],
  SHIPPED: ['DELIVERED'],
  DELIVERED: [],
  CANCELLED: [],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return NEXT[from].includes(to);
}

export function assertTransition(from: OrderStatus, to: OrderStatus): void {
  if (!canTransition(from, to)) {
    const allowed = NEXT[from].length ? `it can go to ${NEXT[from].join(' or ')}` : 'it is final';
    throw new ConflictError(`The order is ${from} and cannot become ${to}; ${allowed}.`, { currentStatus: from, requestedStatus: to });
  }
}

/** Orders that count as sold (for sales figures): placed and not cancelled. */
export const SOLD_STATUSES: readonly OrderStatus[] = ['PLACED', 'CONFIRMED', 'SHIPPED', 'DELIVERED'];

export interface LineAmounts {
  netMinor: bigint;
  taxMinor: bigint;
}

/** net = unit price × quantity − discount; tax is rounded per line, as the invoice prints it. */
export function lineAmounts(unitPriceMinor: bigint, quantity: number, discountMinor: bigint, taxRateBp: number): LineAmounts {
  const netMinor = unitPriceMinor * BigInt(quantity) - discountMinor;
  return { netMinor, taxMinor: taxOn(netMinor, taxRateBp) };
}

export interface OrderTotals {
  subtotalMinor: bigint;
  taxMinor: bigint;
  totalMinor: bigint;
}

export function orderTotals(lines: readonly LineAmounts[]): OrderTotals {
  const subtotalMinor = lines.reduce((sum, line) => sum + line.netMinor, 0n);
  const taxMinor = lines.reduce((sum, line) => sum + line.taxMinor, 0n);
  return { subtotalMinor, taxMinor, totalMinor: subtotalMinor + taxMinor };
}
