import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { BullMqEventBus, defineEvent, type DomainEvent } from '@erp/platform';
import { eventually } from '../support/eventually.js';
import { TEST_REDIS_URL } from '../support/constants.js';

const thingHappened = defineEvent<Record<string, never>>('thing.happened');
const event = (id: string): DomainEvent => ({ id, type: thingHappened.type, source: 'test', aggregateId: id, payload: {}, occurredAt: new Date().toISOString() });
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let bus: BullMqEventBus | null = null;
afterEach(async () => {
  await bus?.close();
  bus = null;
});

/** Subscribes on a bus of its own (a fresh key prefix on the test Redis), queues ten events, and watches them run. */
async function runTen(concurrency: number | undefined) {
  const own = (bus = new BullMqEventBus(TEST_REDIS_URL, `erp-test-bus-${randomUUID().slice(0, 8)}`));
  await eventually(() => own.reachable(), (ready) => ready);
  const started: string[] = [];
  let running = 0;
  let most = 0;
  await own.subscribe({
    consumer: 'ordered',
    types: [thingHappened],
    concurrency,
    handle: async (received) => {
      started.push(received.aggregateId);
      most = Math.max(most, ++running);
      // The first takes longest: handled side by side, later events would overtake it.
      await pause(received.aggregateId === 'e0' ? 150 : 10);
      running -= 1;
    },
  });
  const ids = Array.from({ length: 10 }, (_, i) => `e${i}`);
  await own.enqueue(ids.map((id) => ({ consumer: 'ordered', event: event(id), attempts: 3, backoffMs: 10 })));
  await eventually(async () => started.length, (count) => count === 10 && running === 0);
  return { started, most, ids };
}

describe('the BullMQ bus runs a subscription’s events', () => {
  it('one at a time, in the order queued, when its concurrency is 1 (the partner feed numbers them so)', async () => {
    const { started, most, ids } = await runTen(1);
    expect(started).toEqual(ids);
    expect(most).toBe(1);
  });

  it('four at a time by default', async () => {
    const { most } = await runTen(undefined);
    expect(most).toBe(4);
  });
});
