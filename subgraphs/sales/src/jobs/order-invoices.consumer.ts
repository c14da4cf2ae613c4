import { invoiceStatusChanged } from '@erp/contracts';
import { consumeOnce, isEvent, jobEntityManager, type DomainEvent, type Subscription, type SubgraphEnvironment } from '@erp/platform';
import { OrderInvoice } from '../modules/copies/order-invoice.entity.js';

export const ORDER_INVOICES_CONSUMER = 'sales.order-invoices';

/**
 * Keeps sales' copy of its orders' invoices (`OrderInvoice`) from billing's `invoice.status_changed`, drafting
 * included; invoices made by hand for no order are not sales' business. Each event once; the number, once known, and
 * the void mark are kept whatever order the events arrive in.
 */
export function orderInvoicesConsumer(env: SubgraphEnvironment): Subscription {
  return {
    consumer: ORDER_INVOICES_CONSUMER,
    types: [invoiceStatusChanged],
    attempts: 8,
    backoffMs: 200,
    handle: async (event: DomainEvent) => {
      if (!isEvent(event, invoiceStatusChanged)) return;
      const { invoiceId, orderId, number, to } = event.payload;
      if (!orderId) return;
      await consumeOnce(jobEntityManager(env.orm), ORDER_INVOICES_CONSUMER, event, async (tx) => {
        const held = await tx.findOne(OrderInvoice, { id: invoiceId });
        const voided = to === 'VOID';
        if (!held) tx.create(OrderInvoice, { id: invoiceId, orderId, number, voided });
        else tx.assign(held, { number: held.number ?? number, voided: held.voided || voided });
        await tx.flush();
      });
    },
  };
}
