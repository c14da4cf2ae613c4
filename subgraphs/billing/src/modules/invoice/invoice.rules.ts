import type { InvoiceStatus } from '@erp/contracts';
import { BadUserInputError, ConflictError } from '@erp/platform';

/** Statuses in which money is still owed. */
export const OPEN_STATUSES: readonly InvoiceStatus[] = ['ISSUED', 'PARTIALLY_PAID', 'OVERDUE'];
export const DEFAULT_PAYMENT_TERMS_DAYS = 30;

export interface InvoiceAmounts {
  totalMinor: bigint;
  paidMinor: bigint;
  creditedMinor: bigint;
}

export function balanceDue(invoice: InvoiceAmounts): bigint {
  return invoice.totalMinor - invoice.paidMinor - invoice.creditedMinor;
}

function refuse(status: InvoiceStatus, action: string): never {
  throw new ConflictError(`The invoice is ${status}: it cannot be ${action}.`, { currentStatus: status });
}

export function assertIssuable(status: InvoiceStatus): void {
  if (status !== 'DRAFT') refuse(status, 'issued again (an issued invoice is corrected by a credit note)');
}

export function assertEditable(status: InvoiceStatus): void {
  if (status !== 'DRAFT') refuse(status, 'edited (correct it with a credit note)');
}

/** A payment must be positive and at most what is still due. */
export function assertPayment(status: InvoiceStatus, due: bigint, amountMinor: bigint): void {
  if (!OPEN_STATUSES.includes(status)) refuse(status, 'paid');
  if (amountMinor <= 0n) throw new BadUserInputError('amount must be more than zero.', { field: 'amount' });
  if (amountMinor > due) {
    throw new BadUserInputError('amount is more than the balance due; overpayment is refused.', { field: 'amount', balanceDue: due.toString() });
  }
}

/** After money came in (or a credit note): PAID when nothing is due, else partly paid (still overdue if it was). */
export function statusAfterSettlement(status: InvoiceStatus, invoice: InvoiceAmounts): InvoiceStatus {
  if (balanceDue(invoice) === 0n) return 'PAID';
  if (status === 'OVERDUE') return 'OVERDUE';
  return invoice.paidMinor > 0n ? 'PARTIALLY_PAID' : 'ISSUED';
}

export function assertVoidable(status: InvoiceStatus, paidMinor: bigint): void {
  if (status === 'VOID' || status === 'PAID') refuse(status, 'voided');
  if (paidMinor > 0n) throw new ConflictError('The invoice has payments: correct it with a credit note instead of voiding it.', { currentStatus: status });
}

export function assertCreditable(status: InvoiceStatus, due: bigint, amountMinor: bigint): void {
  if (!OPEN_STATUSES.includes(status)) refuse(status, 'credited');
  if (amountMinor <= 0n) throw new BadUserInputError('amount must be more than zero.', { field: 'amount' });
  if (amountMinor > due) throw new BadUserInputError('A credit note cannot exceed the balance due.', { field: 'amount' });
}

/** An issued invoice is overdue the day after its due date while money is owed. */
export function isOverdue(status: InvoiceStatus, dueDate: string | null, today: string): boolean {
  return (status === 'ISSUED' || status === 'PARTIALLY_PAID') && dueDate !== null && dueDate < today;
}

export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
