import type { RequestContext } from '../context.js';
import { Loaders } from '../data/loaders.js';
import type { Orm } from '../data/orm.js';
import type { EventContract, EventOf } from '../events/event-contract.js';
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
 * The source of a subscription field: the live events of these contracts that `accept` lets through for this caller,
 * typed by their contracts. Before each event is resolved, the context gets a new EntityManager and loaders, so every
 * event reads current rows.
 */
export async function* eventsFor<C extends EventContract<unknown>>(ctx: RequestContext, contracts: readonly C[], accept: (event: EventOf<C>) => boolean): AsyncGenerator<EventOf<C>> {
  if (!isSubscriptionContext(ctx)) throw new Error('Subscriptions are served over the subgraph WebSocket only.');
  const stream = ctx.live.listen(contracts.map((contract) => contract.type));
  try {
    for await (const received of stream) {
      // The live stream only carries events of the types listened to, so each is one of these contracts' events.
      const event = received as EventOf<C>;
      if (!accept(event)) continue;
      ctx.em = ctx.orm.em.fork();
      ctx.loaders = new Loaders();
      yield event;
    }
  } finally {
    await stream.return();
  }
}
