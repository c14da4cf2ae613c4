import { AsyncLocalStorage } from 'node:async_hooks';
import { describe, expect, it } from 'vitest';
import type { DomainEvent } from './domain-event.js';
import { defineEvent } from './event-contract.js';
import { InProcessEventBus } from './in-process-bus.js';

const thingHappened = defineEvent<Record<string, never>>('thing.happened');
const event = (id: string): DomainEvent => ({ id, type: thingHappened.type, source: 'test', aggregateId: 'a', payload: {}, occurredAt: new Date().toISOString() });

describe('the in-process event bus', () => {
  it('runs handlers in their own async context, not in the publisher’s (its open transaction)', async () => {
    const publisherContext = new AsyncLocalStorage<string>();
    const bus = new InProcessEventBus();
    const seen: (string | undefined)[] = [];
    await bus.subscribe({ consumer: 'c', types: [thingHappened], handle: async () => void seen.push(publisherContext.getStore()) });
    await publisherContext.run('publisher transaction', () => bus.publish([event('1')]));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen).toEqual([undefined]);
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
    await bus.publish([event('2')]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(tries).toEqual([1, 2, 3]);
    expect(await bus.failedJobs()).toMatchObject([{ consumer: 'flaky', eventId: '2', attempts: 3, error: 'down' }]);
    await bus.close();
  });
});
