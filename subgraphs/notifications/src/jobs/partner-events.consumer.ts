import { consumeOnceInOneStatement, type DomainEvent, type Subscription, type SubgraphEnvironment } from '@erp/platform';
import { PARTNER_EVENT_TYPES } from '../modules/partner-event/partner-event-types.js';
import { partnerEventIngest } from '../modules/partner-event/partner-event.service.js';
import { PARTNER_EVENTS_CONSUMER } from './job-names.js';

/**
 * Keeps every partner-visible event of the other subgraphs for the feed, numbered in the order received, and makes
 * its webhook deliveries, in one statement per event; an event delivered again by the bus changes nothing.
 */
export function partnerEventsConsumer(env: SubgraphEnvironment): Subscription {
  return {
    consumer: PARTNER_EVENTS_CONSUMER,
    types: PARTNER_EVENT_TYPES.map((entry) => entry.contract),
    attempts: 10,
    backoffMs: 500,
    handle: async (event: DomainEvent) => {
      await consumeOnceInOneStatement(env.db, PARTNER_EVENTS_CONSUMER, event, partnerEventIngest(env.db, event));
    },
  };
}
