import type { RequestContext } from '../context.js';
import { Loaders } from '../data/loaders.js';
import type { Orm } from '../data/orm.js';
import type { DomainEvent } from '../events/domain-event.js';
import type { LiveEvents } from './live-events.js';

/** The context of one subscription: the caller for its whole life, a fresh EntityManager and loaders per event. */
export interface SubscriptionContext extends RequestContext {
  live: LiveEvents;
  orm: Orm;
}

function isSubscriptionContext(ctx: RequestContext): ctx is SubscriptionContext {
  return 'live' in ctx && 'orm' in ctx;
}

/**
 * The source of a subscription field: the live events of these types that `accept` lets through for this caller.
 * Before each event is resolved, the context gets a new EntityManager and loaders, so every event reads current rows.
 */
export async function* eventsFor(ctx: RequestContext, types: string[], accept: (event: DomainEvent) => boolean): AsyncGenerator<DomainEvent> {
  if (!isSubscriptionContext(ctx)) throw new Error('Subscriptions are served over the subgraph WebSocket only.');
  const stream = ctx.live.listen(types);
  try {
    for await (const event of stream) {
      if (!accept(event)) continue;
      ctx.em = ctx.orm.em.fork();
      ctx.loaders = new Loaders();
      yield event;
    }
  } finally {
    await stream.return();
  }
}
