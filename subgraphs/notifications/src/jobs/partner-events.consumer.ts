import { consumeOnce, type DomainEvent, type Subscription, type SubgraphEnvironment } from '@erp/platform';
import { PARTNER_EVENT_TYPES } from '../modules/partner-event/partner-event-types.js';
import { ingestPartnerEvent, type Ingested } from '../modules/partner-event/partner-event.service.js';
import { PARTNER_EVENTS_CONSUMER } from './job-names.js';

/**
 * Keeps every partner-visible event of the other subgraphs for the feed, numbered in the order received, and makes
 * its webhook deliveries, in one transaction per event; an event delivered again by the bus changes nothing.
 */
export function partnerEventsConsumer(env: SubgraphEnvironment): Subscription {
  return {
    consumer: PARTNER_EVENTS_CONSUMER,
    types: PARTNER_EVENT_TYPES.map((entry) => entry.contract),
    attempts: 10,
    backoffMs: 500,
    handle: async (event: DomainEvent) => {
      const ctx = env.jobContext(event);
      let ingested: Ingested | null = null;
      await consumeOnce(ctx.em, PARTNER_EVENTS_CONSUMER, event, async (tx) => {
        ingested = await ingestPartnerEvent(tx, event);
      });
      const kept = ingested as Ingested | null;
      if (kept) ctx.log.debug({ consumer: PARTNER_EVENTS_CONSUMER, sequence: String(kept.sequence), deliveries: kept.deliveries.length }, 'partner event kept');
    },
  };
}
