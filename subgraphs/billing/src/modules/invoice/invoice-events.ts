import {
  invoiceIssued,
  invoiceOverdue,
  invoicePaid,
  invoiceStatusChanged,
  paymentReceived,
  type InvoiceSnapshot,
  type InvoiceStatus,
  type InvoiceStatusChanged,
  type PaymentMethod,
} from '@erp/contracts';
import { recordEvent, toMoneyType, type EntityManager, type EventContract } from '@erp/platform';
import type { Invoice } from './invoice.entity.js';
import { balanceDue } from './invoice.rules.js';

function snapshot(invoice: Invoice): InvoiceSnapshot {
  return {
    invoiceId: invoice.id,
    number: invoice.number,
    customerId: invoice.customerId,
    orderId: invoice.orderId,
    status: invoice.status,
    currency: invoice.currency,
    total: toMoneyType(invoice.totalMinor, invoice.currency),
    amountPaid: toMoneyType(invoice.paidMinor, invoice.currency),
    balanceDue: toMoneyType(balanceDue(invoice), invoice.currency),
  };
}

const EVENT_OF_STATUS: Partial<Record<InvoiceStatus, EventContract<InvoiceStatusChanged>>> = { ISSUED: invoiceIssued, PAID: invoicePaid, OVERDUE: invoiceOverdue };

/**
 * Records, in the transaction of the change, that an invoice went from one status to another: always
 * `invoice.status_changed`, and `invoice.issued` / `invoice.paid` / `invoice.overdue` for those steps.
 */
export function recordInvoiceStatusChange(em: EntityManager, invoice: Invoice, from: InvoiceStatus | null): void {
  if (from === invoice.status) return;
  const payload = { ...snapshot(invoice), from, to: invoice.status, at: new Date().toISOString() };
  recordEvent(em, invoiceStatusChanged, invoice.id, payload);
  const specific = EVENT_OF_STATUS[invoice.status];
  if (specific) recordEvent(em, specific, invoice.id, payload);
}

export function recordPaymentReceived(em: EntityManager, invoice: Invoice, payment: { id: string; amountMinor: bigint; method: PaymentMethod }): void {
  recordEvent(em, paymentReceived, invoice.id, {
    ...snapshot(invoice),
    paymentId: payment.id,
    amount: toMoneyType(payment.amountMinor, invoice.currency),
    method: payment.method,
  });
}
