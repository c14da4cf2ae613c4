import { PLACED_ORDER_STATUSES, type OrderStatus } from '@erp/contracts';
import { ConflictError, type LineAmounts } from '@erp/platform';

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
export const SOLD_STATUSES = PLACED_ORDER_STATUSES;

// An order line's amounts are computed as an invoice line's are: one kit function for both.
export { lineAmounts, type LineAmounts } from '@erp/platform';

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
