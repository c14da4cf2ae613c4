import { orderStatusChanged } from '@erp/contracts';
import { consumeOnce, DomainError, isEvent, jobEntityManager, type DomainEvent, type Subscription, type SubgraphEnvironment } from '@erp/platform';
import { billableOrder, saveOrderInvoice } from '../modules/invoice/invoice-creation.service.js';
import { Invoice } from '../modules/invoice/invoice.entity.js';
import { voidInvoice } from '../modules/invoice/invoice-lifecycle.service.js';

export const ORDER_EVENTS_CONSUMER = 'billing.order-events';

/**
 * Billing's reactions to orders: a confirmed order gets its draft invoice; a cancelled order's unpaid invoice is
 * voided. Each event is handled once (consumeOnce); a failure is retried with backoff by the bus. Remote reads happen
 * before the handling transaction opens, so no connection is held across a call to another subgraph.
 */
export function orderEventsConsumer(env: SubgraphEnvironment): Subscription {
  return {
    consumer: ORDER_EVENTS_CONSUMER,
    types: [orderStatusChanged],
    attempts: 5,
    backoffMs: 200,
    handle: async (event: DomainEvent) => {
      if (!isEvent(event, orderStatusChanged)) return;
      const change = event.payload;
      if (change.to !== 'CONFIRMED' && change.to !== 'CANCELLED') return;
      const em = jobEntityManager(env.orm);
      try {
        if (change.to === 'CONFIRMED') {
          const order = await billableOrder(env.jobContext(event, em), change.orderId);
          await consumeOnce(em, ORDER_EVENTS_CONSUMER, event, (tx) => saveOrderInvoice(tx, order).then(() => undefined));
          return;
        }
        await consumeOnce(em, ORDER_EVENTS_CONSUMER, event, async (tx) => {
          const invoice = await tx.findOne(Invoice, { orderId: change.orderId, status: { $ne: 'VOID' } });
          if (invoice && invoice.paidMinor === 0n) await voidInvoice(env.jobContext(event, tx), invoice.id, `Order ${change.number} was cancelled`);
        });
      } catch (error) {
        // The order moved on (cancelled before billing saw it confirmed) or the invoice is already paid: nothing to retry.
        if (error instanceof DomainError && (error.code === 'CONFLICT' || error.code === 'NOT_FOUND')) {
          env.log.info({ eventId: event.id, reason: error.message }, 'order event needs no reaction');
          return;
        }
        throw error;
      }
    },
  };
}
