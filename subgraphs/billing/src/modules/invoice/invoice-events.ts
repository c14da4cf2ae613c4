import { formatMoney, recordEvent, type EntityManager } from '@erp/platform';
import type { Invoice } from './invoice.entity.js';
import { balanceDue, type InvoiceStatus } from './invoice.rules.js';

/** What billing's events carry about an invoice: enough for a consumer to act without calling back. */
function snapshot(invoice: Invoice) {
  return {
    invoiceId: invoice.id,
    number: invoice.number,
    customerId: invoice.customerId,
    orderId: invoice.orderId,
    status: invoice.status,
    currency: invoice.currency,
    total: formatMoney({ minor: invoice.totalMinor, currency: invoice.currency }),
    amountPaid: formatMoney({ minor: invoice.paidMinor, currency: invoice.currency }),
    balanceDue: formatMoney({ minor: balanceDue(invoice), currency: invoice.currency }),
  };
}

const EVENT_OF_STATUS: Partial<Record<InvoiceStatus, string>> = { ISSUED: 'invoice.issued', PAID: 'invoice.paid', OVERDUE: 'invoice.overdue' };

/**
 * Records, in the transaction of the change, that an invoice went from one status to another: always
 * `invoice.status_changed`, and `invoice.issued` / `invoice.paid` / `invoice.overdue` for those steps.
 */
export function recordInvoiceStatusChange(em: EntityManager, invoice: Invoice, from: InvoiceStatus | null): void {
  if (from === invoice.status) return;
  const payload = { ...snapshot(invoice), from, to: invoice.status, at: new Date().toISOString() };
  recordEvent(em, 'invoice.status_changed', invoice.id, payload);
  const specific = EVENT_OF_STATUS[invoice.status];
  if (specific) recordEvent(em, specific, invoice.id, payload);
}

export function recordPaymentReceived(em: EntityManager, invoice: Invoice, payment: { id: string; amountMinor: bigint; method: string }): void {
  recordEvent(em, 'payment.received', invoice.id, {
    ...snapshot(invoice),
    paymentId: payment.id,
    amount: formatMoney({ minor: payment.amountMinor, currency: invoice.currency }),
    method: payment.method,
  });
}
