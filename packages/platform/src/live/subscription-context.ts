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

/** How many delivered event ids a subscription remembers, so that a replay overlapping live events sends none twice. */
const REMEMBERED_IDS = 5_000;

/**
 * The source of a subscription field: the live events of these contracts that `accept` lets through for this caller,
 * typed by their contracts. Before each event is resolved, the context gets a new EntityManager and loaders, so every
 * event reads current rows.
 *
 * Gaps are caught up from this subgraph's outbox (docs/architecture.md, "Subscriptions across restarts"): a
 * subscription made again with a resume point first gets the events published since then, and when this process's
 * live events were interrupted (Redis reconnecting) it gets what was published meanwhile, after the last event it saw;
 * live events that arrive during a catch-up wait for it, and none is sent twice. When a gap cannot be replayed it gets
 * RESYNC, which the subscription server turns into a RESYNC_REQUIRED result, and then the live events.
 * Subscriptions serve the subgraph's own events (the outbox they are replayed from).
 */
export function eventsFor<C extends EventContract<unknown>>(ctx: RequestContext, contracts: readonly C[], accept: (event: EventOf<C>) => boolean): PushStream<EventOf<C> | Resync> {
  if (!isSubscriptionContext(ctx)) throw new Error('Subscriptions are served over the subgraph WebSocket only.');
  const subscription = ctx;
  const types = contracts.map((contract) => contract.type);
  const startedAt = new Date().toISOString();
  // Listening starts before any replay is read, so nothing published in between is missed.
  const live = subscription.live.listen(types);
  const stopWatching = subscription.live.onReceivingChange((receiving) => receiving && void catchUp(lastSequence !== null ? { after: lastSequence.toString() } : { since: startedAt }));
  const output = pushStream<EventOf<C> | Resync>(() => {
    stopWatching();
    void live.return();
  });

  const delivered = new Set<string>();
  let lastSequence: bigint | null = null;
  let catchingUp = 0;
  let held: DomainEvent[] = [];

  function deliver(event: DomainEvent): void {
    if (delivered.has(event.id)) return;
    delivered.add(event.id);
    if (delivered.size > REMEMBERED_IDS) delivered.delete(delivered.values().next().value!);
    if (event.sequence && (lastSequence === null || BigInt(event.sequence) > lastSequence)) lastSequence = BigInt(event.sequence);
    // The live stream only carries events of the types listened to, so each is one of these contracts' events.
    if (accept(event as EventOf<C>)) output.push(event as EventOf<C>);
  }

  async function catchUp(from: ResumePoint): Promise<void> {
    catchingUp += 1;
    const missed = await eventsToReplay(subscription.orm, types, from).catch((error: unknown): Resync => {
      subscription.log.warn({ err: error }, 'missed events could not be read: the subscriber is asked to reload');
      return RESYNC;
    });
    if (missed === RESYNC) output.push(RESYNC);
    else for (const event of missed) deliver(event);
    subscription.log.info({ from, replayed: missed === RESYNC ? 'resync' : missed.length }, 'subscription caught up');
    catchingUp -= 1;
    if (catchingUp > 0) return;
    const waiting = held;
    held = [];
    for (const event of waiting) deliver(event);
  }

  void (async () => {
    if (subscription.resume) void catchUp(subscription.resume);
    for await (const event of live) {
      if (catchingUp > 0) held.push(event);
      else deliver(event);
    }
  })();

  const { stream } = output;
  return {
    ...stream,
    next: async () => {
      const result = await stream.next();
      if (!result.done && result.value !== RESYNC) {
        subscription.em = subscription.orm.em.fork();
        subscription.loaders = new Loaders();
      }
      return result;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
