import { AsyncLocalStorage } from 'node:async_hooks';
import { describe, expect, it } from 'vitest';
import type { DomainEvent } from './domain-event.js';
import { defineEvent } from './event-contract.js';
import { InProcessEventBus } from './in-process-bus.js';

const thingHappened = defineEvent<Record<string, never>>('thing.happened');
const event = (id: string): DomainEvent => ({ id, type: thingHappened.type, source: 'test', aggregateId: 'a', payload: {}, occurredAt: new Date().toISOString() });
const job = (consumer: string, id: string) => ({ consumer, event: event(id), attempts: 5, backoffMs: 5 });
const settle = (ms = 20) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the in-process event bus', () => {
  it('runs handlers in their own async context, not in the publisher’s (its open transaction)', async () => {
    const publisherContext = new AsyncLocalStorage<string>();
    const bus = new InProcessEventBus();
    const seen: (string | undefined)[] = [];
    await bus.subscribe({ consumer: 'c', types: [thingHappened], handle: async () => void seen.push(publisherContext.getStore()) });
    await publisherContext.run('publisher transaction', () => bus.enqueue([job('c', '1')]));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen).toEqual([undefined]);
    await bus.close();
  });

  it('runs one event at a time, in the order received, for a subscription of concurrency 1 — however long each takes', async () => {
    const bus = new InProcessEventBus();
    const started: string[] = [];
    let running = 0;
    let most = 0;
    await bus.subscribe({
      consumer: 'ordered',
      types: [thingHappened],
      concurrency: 1,
      handle: async (received) => {
        started.push(received.id);
        most = Math.max(most, ++running);
        // The first takes longest: side by side, the later ones would finish (and be numbered) first.
        await settle(received.id === '1' ? 30 : 2);
        running -= 1;
      },
    });
    await bus.enqueue(['1', '2', '3', '4', '5'].map((id) => job('ordered', id)));
    await settle(120);
    expect(started).toEqual(['1', '2', '3', '4', '5']);
    expect(most).toBe(1);
    await bus.close();
  });

  it('runs up to four events of a subscription at once by default', async () => {
    const bus = new InProcessEventBus();
    let running = 0;
    let most = 0;
    await bus.subscribe({
      consumer: 'parallel',
      types: [thingHappened],
      handle: async () => {
        most = Math.max(most, ++running);
        await settle(10);
        running -= 1;
      },
    });
    await bus.enqueue(['1', '2', '3', '4', '5', '6'].map((id) => job('parallel', id)));
    await settle(80);
    expect(most).toBe(4);
    await bus.close();
  });

  it('waits as a subscription’s own retry schedule says, when it has one', async () => {
    const bus = new InProcessEventBus();
    const tries: number[] = [];
    const asked: number[] = [];
    await bus.subscribe({
      consumer: 'scheduled',
      types: [thingHappened],
      attempts: 3,
      backoffMs: 1,
      retryDelay: (attempt) => {
        asked.push(attempt);
        return attempt === 1 ? 10 : 60;
      },
      handle: async (_event, delivery) => {
        tries.push(Date.now());
        if (delivery.attempt < 3) throw new Error('not yet');
      },
    });
    await bus.enqueue([job('scheduled', 's')]);
    await settle(200);
    expect(asked).toEqual([1, 2]);
    expect(tries).toHaveLength(3);
    expect(tries[1]! - tries[0]!).toBeGreaterThanOrEqual(9);
    expect(tries[2]! - tries[1]!).toBeGreaterThanOrEqual(55);
    await bus.close();
  });

  it('retries with backoff and records the job as failed after the last try', async () => {
    const bus = new InProcessEventBus();
    const tries: number[] = [];
    await bus.subscribe({
      consumer: 'flaky',
      types: [thingHappened],
      attempts: 3,
      backoffMs: 5,
      handle: async (_event, delivery) => {
        tries.push(delivery.attempt);
        throw new Error('down');
      },
    });
    await bus.enqueue([job('flaky', '2')]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(tries).toEqual([1, 2, 3]);
    expect(await bus.failedJobs()).toMatchObject([{ consumer: 'flaky', eventId: '2', attempts: 3, error: 'down' }]);
    await bus.close();
  });

  it('queues an event it still knows only once: waiting, running, handled or parked', async () => {
    const bus = new InProcessEventBus();
    const handled: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    await bus.subscribe({
      consumer: 'slow',
      types: [thingHappened],
      handle: async (received) => {
        await gate;
        handled.push(received.id);
      },
    });
    await bus.subscribe({ consumer: 'broken', types: [thingHappened], attempts: 1, handle: async () => Promise.reject(new Error('no')) });
    await bus.enqueue([job('slow', '3'), job('slow', '3'), job('broken', '4')]);
    await settle();
    await bus.enqueue([job('slow', '3'), job('broken', '4')]);
    release();
    await settle();
    await bus.enqueue([job('slow', '3'), job('broken', '4')]);
    await settle();
    expect(handled).toEqual(['3']);
    expect((await bus.failedJobs()).map((failed) => failed.eventId)).toEqual(['4']);
    await bus.close();
  });

  it('drops a job for a consumer that has not subscribed here (the ledger still owes it)', async () => {
    const bus = new InProcessEventBus();
    const handled: string[] = [];
    await bus.enqueue([job('later', '5')]);
    await bus.subscribe({ consumer: 'later', types: [thingHappened], handle: async (received) => void handled.push(received.id) });
    await settle();
    expect(handled).toEqual([]);
    await bus.enqueue([job('later', '5')]);
    await settle();
    expect(handled).toEqual(['5']);
    await bus.close();
  });
});
