import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  createLogger,
  defineEvent,
  eventsFor,
  eventsToReplay,
  InProcessLiveEvents,
  RESYNC,
  type DomainEvent,
  type RequestContext,
  type SubscriptionContext,
} from '@erp/platform';
import { sql } from '../support/database.js';
import { useTestPlatform } from '../support/platform.js';

const t = useTestPlatform();

/** Live events that stop arriving while `receiving` is false, as Redis pub/sub does while it reconnects. */
class InterruptedLiveEvents extends InProcessLiveEvents {
  private now = true;
  private readonly watchers = new Set<(receiving: boolean) => void>();

  override async publish(events: DomainEvent[]): Promise<void> {
    if (this.now) await super.publish(events);
  }
  override receiving(): boolean {
    return this.now;
  }
  override onReceivingChange(listener: (receiving: boolean) => void): () => void {
    this.watchers.add(listener);
    return () => this.watchers.delete(listener);
  }
  set(receiving: boolean): void {
    this.now = receiving;
    for (const watcher of this.watchers) watcher(receiving);
  }
}

/** Published events of sales' outbox with the given sequences (written as the relay leaves them). */
async function published(type: string, sequences: number[]): Promise<string[]> {
  const ids = sequences.map(() => randomUUID());
  for (const [index, sequence] of sequences.entries()) {
    await sql(
      `insert into sales.outbox_event (id, type, aggregate_id, payload, occurred_at, published_at, sequence)
       values ($1, $2, $3, '{}', now(), now(), $4)`,
      [ids[index], type, randomUUID(), sequence],
    );
  }
  return ids;
}

describe('the events a resumed subscription missed', () => {
  it('come in sequence order, compared as numbers (9 before 10), only of the types asked for, after the last one seen', async () => {
    const type = `test.replayed_${randomUUID().slice(0, 8)}`;
    const [seen, nine, ten, hundred] = await published(type, [8_000_008, 8_000_009, 8_000_010, 8_000_100]);
    await published(`${type}_other`, [8_000_011]);
    const missed = await eventsToReplay(t.platform.subgraphs.sales!.orm, [type], { after: '8000008' });
    expect(missed).not.toBe(RESYNC);
    expect((missed as { id: string; sequence?: string }[]).map((event) => [event.id, event.sequence])).toEqual([
      [nine, '8000009'],
      [ten, '8000010'],
      [hundred, '8000100'],
    ]);
    expect(seen).toBeDefined();
  });

  it('cannot be given when the last event seen is no longer kept: the subscriber must resync', async () => {
    expect(await eventsToReplay(t.platform.subgraphs.sales!.orm, ['order.status_changed'], { after: '999999999999' })).toBe(RESYNC);
  });

  it('from a time, cover what was published since then', async () => {
    const type = `test.since_${randomUUID().slice(0, 8)}`;
    const since = new Date(Date.now() - 1_000).toISOString();
    const ids = await published(type, [8_100_009, 8_100_010]);
    const missed = await eventsToReplay(t.platform.subgraphs.sales!.orm, [type], { since });
    expect((missed as { id: string }[]).map((event) => event.id)).toEqual(ids);
    expect(await eventsToReplay(t.platform.subgraphs.sales!.orm, [type], { since: '2000-01-01T00:00:00Z' })).toBe(RESYNC);
  });
});

describe('a subscription whose live events were interrupted (Redis reconnecting)', () => {
  it('gets what was published meanwhile from the outbox once they are back, in order, and nothing twice', async () => {
    const type = `test.interrupted_${randomUUID().slice(0, 8)}`;
    const live = new InterruptedLiveEvents();
    const orm = t.platform.subgraphs.sales!.orm;
    const ctx = { caller: null, requestId: 'replay-test', log: createLogger('test'), live, orm, resume: null } as unknown as SubscriptionContext;
    const stream = eventsFor(ctx as RequestContext, [defineEvent(type)], () => true);
    const asEvent = (id: string, sequence: number): DomainEvent => ({ id, type, source: 'sales', aggregateId: id, payload: {}, occurredAt: new Date().toISOString(), sequence: String(sequence) });
    const next = async () => ((await stream.next()).value as DomainEvent).id;
    try {
      const [first] = await published(type, [8_200_001]);
      await live.publish([asEvent(first!, 8_200_001)]);
      expect(await next()).toBe(first);

      live.set(false);
      const missed = await published(type, [8_200_009, 8_200_010]);
      await live.publish(missed.map((id, index) => asEvent(id, 8_200_009 + index)));
      live.set(true);
      expect([await next(), await next()]).toEqual(missed);

      // The last missed one arriving live as well (published again) is not sent twice.
      const [later] = await published(type, [8_200_011]);
      await live.publish([asEvent(missed[1]!, 8_200_010), asEvent(later!, 8_200_011)]);
      expect(await next()).toBe(later);
    } finally {
      await stream.return();
    }
  });
});
