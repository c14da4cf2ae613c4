import { consumeOnceInOneStatement, type DomainEvent, type Subscription, type SubgraphEnvironment } from '@erp/platform';
import { PARTNER_EVENT_TYPES } from '../modules/partner-event/partner-event-types.js';
import { partnerEventIngest } from '../modules/partner-event/partner-event.service.js';
import { PARTNER_EVENTS_CONSUMER } from './job-names.js';

/**
 * Keeps every partner-visible event of the other subgraphs for the feed, numbered in the order received, and makes
 * its webhook deliveries, in one statement per event; an event delivered again by the bus changes nothing. One event
 * at a time: each subgraph's relay publishes its events in the order they happened, and the feed promises partners
 * that order (events handled side by side took their numbers in whichever order they reached the numbering lock).
 */
export function partnerEventsConsumer(env: SubgraphEnvironment): Subscription {
  return {
    consumer: PARTNER_EVENTS_CONSUMER,
    types: PARTNER_EVENT_TYPES.map((entry) => entry.contract),
    attempts: 10,
    backoffMs: 500,
    concurrency: 1,
    handle: async (event: DomainEvent) => {
      await consumeOnceInOneStatement(env.db, PARTNER_EVENTS_CONSUMER, event, partnerEventIngest(env.db, event));
    },
  };
}
