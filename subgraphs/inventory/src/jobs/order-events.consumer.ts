import { orderStatusChanged } from '@erp/contracts';
import { consumeOnce, isEvent, jobEntityManager, type DomainEvent, type Subscription, type SubgraphEnvironment } from '@erp/platform';
import { confirmReservation, issueForOrder, releaseForOrder } from '../modules/reservation/reservation.service.js';

export const ORDER_EVENTS_CONSUMER = 'inventory.order-events';

/**
 * What orders do to stock after their placement: a placed order confirms its reservation (see
 * `unplaced-reservations.ts`), a cancelled order gives its reservation back, a shipped order takes its reserved stock
 * out (on hand and reserved both drop). Each event once (consumeOnce); both are no-ops for an order
 * that holds no active reservation, so a redelivery or an order placed before inventory existed changes nothing.
 */
export function orderEventsConsumer(env: SubgraphEnvironment): Subscription {
  return {
    consumer: ORDER_EVENTS_CONSUMER,
    types: [orderStatusChanged],
    attempts: 8,
    backoffMs: 200,
    handle: async (event: DomainEvent) => {
      if (!isEvent(event, orderStatusChanged)) return;
      const change = event.payload;
      if (change.to !== 'PLACED' && change.to !== 'CANCELLED' && change.to !== 'SHIPPED') return;
      await consumeOnce(jobEntityManager(env.orm), ORDER_EVENTS_CONSUMER, event, async (tx) => {
        if (change.to === 'PLACED') await confirmReservation(tx, change.orderId);
        else if (change.to === 'CANCELLED') await releaseForOrder(tx, change.orderId, change.byUserId, `Order ${change.number} was cancelled`);
        else await issueForOrder(tx, change.orderId, change.byUserId);
      });
    },
  };
}
