import type { DomainEvent } from '@erp/platform';
import type { AttachmentRef } from '../modules/notification/notification.entity.js';
import { INVOICE_ISSUED, ORDER_CONFIRMED, PAYMENT_RECEIVED } from '../modules/template/default-templates.js';
import { INVOICE_ISSUED_EVENT, ORDER_STATUS_CHANGED, PAYMENT_RECEIVED_EVENT } from './job-names.js';

/** What an event asks of notifications: which template, for which customer, rendered with which data. */
export interface AutomaticNotification {
  templateKey: string;
  customerId: string;
  data: Record<string, unknown>;
  attachments: AttachmentRef[];
}

interface OrderStatusChanged {
  orderId: string;
  number: string;
  customerId: string;
  to: string;
}

/** billing's invoice snapshot (invoice-events.ts); payments add paymentId, amount and method. */
interface InvoiceSnapshot {
  invoiceId: string;
  number: string | null;
  customerId: string;
  orderId: string | null;
  currency: string;
  total: string;
  amountPaid: string;
  balanceDue: string;
  paymentId?: string;
  amount?: string;
  method?: string;
}

function invoiceData(invoice: InvoiceSnapshot) {
  return { id: invoice.invoiceId, number: invoice.number, currency: invoice.currency, total: invoice.total, amountPaid: invoice.amountPaid, balanceDue: invoice.balanceDue };
}

/** The notification an event calls for, or null when it calls for none (an order status other than CONFIRMED). */
export function automaticNotificationFor(event: DomainEvent): AutomaticNotification | null {
  switch (event.type) {
    case ORDER_STATUS_CHANGED: {
      const change = event.payload as unknown as OrderStatusChanged;
      if (change.to !== 'CONFIRMED') return null;
      return { templateKey: ORDER_CONFIRMED, customerId: change.customerId, data: { order: { id: change.orderId, number: change.number } }, attachments: [] };
    }
    case INVOICE_ISSUED_EVENT: {
      const invoice = event.payload as unknown as InvoiceSnapshot;
      return {
        templateKey: INVOICE_ISSUED,
        customerId: invoice.customerId,
        data: { invoice: invoiceData(invoice) },
        attachments: [{ kind: 'invoice-pdf', invoiceId: invoice.invoiceId, filename: `${invoice.number ?? invoice.invoiceId}.pdf` }],
      };
    }
    case PAYMENT_RECEIVED_EVENT: {
      const payment = event.payload as unknown as InvoiceSnapshot;
      return {
        templateKey: PAYMENT_RECEIVED,
        customerId: payment.customerId,
        data: { invoice: invoiceData(payment), payment: { id: payment.paymentId, amount: payment.amount, method: payment.method } },
        attachments: [],
      };
    }
    default:
      return null;
  }
}
