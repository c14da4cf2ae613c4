import { orderStatusChanged, type OrderStatusChanged } from '@erp/contracts';
import { consumeOnce, DomainError, isEvent, jobEntityManager, type DomainEvent, type EntityManager, type Subscription, type SubgraphEnvironment } from '@erp/platform';
import { saveOrderInvoice } from '../modules/invoice/invoice-creation.service.js';
import { Invoice } from '../modules/invoice/invoice.entity.js';
import { voidInvoice } from '../modules/invoice/invoice-lifecycle.service.js';
import { orderToInvoice } from '../modules/invoice/order-to-invoice.js';

export const ORDER_EVENTS_CONSUMER = 'billing.order-events';

/**
 * A cancelled order's unpaid invoice is voided. An order cancelled after its confirmation whose invoice billing has not
 * drafted yet (the confirmation is still being retried) waits for it: throwing asks the bus to try again later.
 */
async function voidOrderInvoice(env: SubgraphEnvironment, event: DomainEvent, tx: EntityManager, change: OrderStatusChanged): Promise<void> {
  const invoice = await tx.findOne(Invoice, { orderId: change.orderId, status: { $ne: 'VOID' } });
  if (invoice) {
    if (invoice.paidMinor === 0n) await voidInvoice(env.jobContext(event, tx), invoice.id, `Order ${change.number} was cancelled`);
    return;
  }
  if (change.from === 'CONFIRMED' && (await tx.count(Invoice, { orderId: change.orderId })) === 0) {
    throw new Error(`Order ${change.number} was cancelled before its invoice was drafted: waiting for the confirmation to be handled.`);
  }
}

/**
 * Billing's reactions to orders: a confirmed order gets its draft invoice, made from the order the event carries (no
 * call back to sales); a cancelled order's unpaid invoice is voided. Each event is handled once (consumeOnce); a
 * failure is retried with backoff by the bus.
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
        await consumeOnce(em, ORDER_EVENTS_CONSUMER, event, async (tx) => {
          if (change.to === 'CONFIRMED') await saveOrderInvoice(tx, orderToInvoice(change));
          else await voidOrderInvoice(env, event, tx, change);
        });
      } catch (error) {
        // The invoice is already paid (or otherwise no longer voidable): nothing to retry.
        if (error instanceof DomainError && (error.code === 'CONFLICT' || error.code === 'NOT_FOUND')) {
          env.log.info({ eventId: event.id, reason: error.message }, 'order event needs no reaction');
          return;
        }
        throw error;
      }
    },
  };
}
