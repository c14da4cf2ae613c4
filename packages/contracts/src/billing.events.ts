import { defineEvent, type MoneyType } from '@erp/platform';

/** DRAFT → ISSUED → PARTIALLY_PAID → PAID; OVERDUE after the due date; VOID. */
export const INVOICE_STATUSES = ['DRAFT', 'ISSUED', 'PARTIALLY_PAID', 'PAID', 'OVERDUE', 'VOID'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

export const PAYMENT_METHODS = ['BANK_TRANSFER', 'CARD', 'CASH', 'CHECK', 'OTHER'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** What every billing event carries about its invoice: enough for a consumer to act without calling back. */
export interface InvoiceSnapshot {
  invoiceId: string;
  /** Assigned when the invoice is issued. */
  number: string | null;
  customerId: string;
  orderId: string | null;
  status: InvoiceStatus;
  currency: string;
  total: MoneyType;
  amountPaid: MoneyType;
  balanceDue: MoneyType;
}

export interface InvoiceStatusChanged extends InvoiceSnapshot {
  /** Null when the invoice was just drafted. */
  from: InvoiceStatus | null;
  to: InvoiceStatus;
  at: string;
}

export interface PaymentReceived extends InvoiceSnapshot {
  paymentId: string;
  amount: MoneyType;
  method: PaymentMethod;
}

/** Every status change of an invoice, its drafting included. */
export const invoiceStatusChanged = defineEvent<InvoiceStatusChanged>('invoice.status_changed');
export const invoiceIssued = defineEvent<InvoiceStatusChanged>('invoice.issued');
export const invoicePaid = defineEvent<InvoiceStatusChanged>('invoice.paid');
export const invoiceOverdue = defineEvent<InvoiceStatusChanged>('invoice.overdue');
export const paymentReceived = defineEvent<PaymentReceived>('payment.received');
