import { invoiceIssued, orderStatusChanged, paymentReceived, type InvoiceSnapshot } from '@erp/contracts';
import { isEvent, type DomainEvent } from '@erp/platform';
import type { AttachmentRef } from '../modules/notification/notification.entity.js';
import { INVOICE_ISSUED, ORDER_CONFIRMED, PAYMENT_RECEIVED } from '../modules/template/default-templates.js';

/** What an event asks of notifications: which template, for which customer, rendered with which data. */
export interface AutomaticNotification {
  templateKey: string;
  customerId: string;
  data: Record<string, unknown>;
  attachments: AttachmentRef[];
}

/** The invoice as the templates read it (`{{ invoice.total }} {{ invoice.currency }}`): amounts as plain decimals. */
function invoiceData(invoice: InvoiceSnapshot) {
  return {
    id: invoice.invoiceId,
    number: invoice.number,
    currency: invoice.currency,
    total: invoice.total.amount,
    amountPaid: invoice.amountPaid.amount,
    balanceDue: invoice.balanceDue.amount,
  };
}

/** The notification an event calls for, or null when it calls for none (an order status other than CONFIRMED). */
export function automaticNotificationFor(event: DomainEvent): AutomaticNotification | null {
  if (isEvent(event, orderStatusChanged)) {
    const change = event.payload;
    if (change.to !== 'CONFIRMED') return null;
    return { templateKey: ORDER_CONFIRMED, customerId: change.customerId, data: { order: { id: change.orderId, number: change.number } }, attachments: [] };
  }
  if (isEvent(event, invoiceIssued)) {
    const invoice = event.payload;
    return {
      templateKey: INVOICE_ISSUED,
      customerId: invoice.customerId,
      data: { invoice: invoiceData(invoice) },
      attachments: [{ kind: 'invoice-pdf', invoiceId: invoice.invoiceId, filename: `${invoice.number ?? invoice.invoiceId}.pdf` }],
    };
  }
  if (isEvent(event, paymentReceived)) {
    const payment = event.payload;
    return {
      templateKey: PAYMENT_RECEIVED,
      customerId: payment.customerId,
      data: { invoice: invoiceData(payment), payment: { id: payment.paymentId, amount: payment.amount.amount, method: payment.method } },
      attachments: [],
    };
  }
  return null;
}
