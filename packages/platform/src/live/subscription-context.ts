import type { RequestContext } from '../context.js';
import { Loaders } from '../data/loaders.js';
import type { Orm } from '../data/orm.js';
import type { DomainEvent } from '../events/domain-event.js';
import type { EventContract, EventOf } from '../events/event-contract.js';
import type { LiveEvents } from './live-events.js';
import { pushStream, type PushStream } from './push-stream.js';
import { eventsToReplay, RESYNC, type Resync, type ResumePoint } from './replay.js';

/** The context of one subscription: the caller for its whole life, a fresh EntityManager and loaders per event. */
export interface SubscriptionContext extends RequestContext {
  live: LiveEvents;
  orm: Orm;
  /** Set when the router makes a subscription again after its socket broke: the events it missed come first. */
  resume?: ResumePoint | null;
}

function isSubscriptionContext(ctx: RequestContext): ctx is SubscriptionContext {
  return 'live' in ctx && 'orm' in ctx;
}

/**
 * The source of a subscription field: the live events of these contracts that `accept` lets through for this caller,
 * typed by their contracts. Before each event is resolved, the context gets a new EntityManager and loaders, so every
 * event reads current rows.
 *
 * A subscription made again with a resume point (docs/architecture.md, "Subscriptions across restarts") first gets the
 * events published since then, from this subgraph's outbox, then the live ones (none twice); when the gap cannot be
 * replayed it gets RESYNC, which the subscription server turns into a RESYNC_REQUIRED result, and then the live events.
 * Subscriptions serve the subgraph's own events (the outbox it replays from).
 */
export function eventsFor<C extends EventContract<unknown>>(ctx: RequestContext, contracts: readonly C[], accept: (event: EventOf<C>) => boolean): PushStream<EventOf<C> | Resync> {
  if (!isSubscriptionContext(ctx)) throw new Error('Subscriptions are served over the subgraph WebSocket only.');
  const types = contracts.map((contract) => contract.type);
  // Listening starts before the replay is read, so nothing published in between is missed.
  const live = ctx.live.listen(types);
  const output = pushStream<EventOf<C> | Resync>(() => void live.return());
  // The live stream only carries events of the types listened to, so each is one of these contracts' events.
  const offer = (event: DomainEvent) => accept(event as EventOf<C>) && output.push(event as EventOf<C>);

  void (async () => {
    const replayed = new Set<string>();
    if (ctx.resume) {
      const missed = await eventsToReplay(ctx.orm, types, ctx.resume).catch((error: unknown): Resync => {
        ctx.log.warn({ err: error }, 'missed events could not be read: the subscriber is asked to reload');
        return RESYNC;
      });
      if (missed === RESYNC) output.push(RESYNC);
      else
        for (const event of missed) {
          replayed.add(event.id);
          offer(event);
        }
      ctx.log.info({ resume: ctx.resume, replayed: missed === RESYNC ? 'resync' : missed.map((event) => event.sequence) }, 'subscription resumed');
    }
    for await (const event of live) if (!replayed.has(event.id)) offer(event);
  })();

  const { stream } = output;
  return {
    ...stream,
    next: async () => {
      const result = await stream.next();
      if (!result.done && result.value !== RESYNC) {
        ctx.em = ctx.orm.em.fork();
        ctx.loaders = new Loaders();
      }
      return result;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
