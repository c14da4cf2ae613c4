import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { RedisLiveEvents, type DomainEvent } from '@erp/platform';
import { eventually } from '../support/eventually.js';
import { OwnRedis } from '../support/own-redis.js';

const redis = await OwnRedis.start();
const listener = new RedisLiveEvents(redis.url, 'erp-test-live');
const publisher = new RedisLiveEvents(redis.url, 'erp-test-live');
afterAll(async () => {
  await listener.close();
  await publisher.close();
  await redis.remove();
});

function event(): DomainEvent {
  return { id: randomUUID(), type: 'thing.happened', source: 'test', aggregateId: randomUUID(), occurredAt: new Date().toISOString(), payload: {} };
}

describe('live events over Redis across a reconnection', () => {
  it('says when events may be missed and when they arrive again, and delivers what is published from then on', async () => {
    const changes: boolean[] = [];
    listener.onReceivingChange((receiving) => changes.push(receiving));
    const stream = listener.listen(['thing.happened']);
    const received: DomainEvent[] = [];
    void (async () => {
      for await (const item of stream) received.push(item);
    })();
    expect(await eventually(() => listener.receiving(), Boolean, 5_000)).toBe(true);
    const before = event();
    await publisher.publish([before]);
    expect((await eventually(() => received, (items) => items.length === 1, 5_000)).map((item) => item.id)).toEqual([before.id]);

    await redis.stop();
    expect(await eventually(() => listener.receiving(), (receiving) => !receiving, 5_000)).toBe(false);
    await redis.resume();
    expect(await eventually(() => listener.receiving(), Boolean, 15_000)).toBe(true);
    // Receiving again means subscribed again: the kit resubscribes itself and says so once Redis has answered.
    const after = event();
    await eventually(() => publisher.publish([after]).then(() => true, () => false), Boolean, 5_000);
    expect((await eventually(() => received, (items) => items.length === 2, 5_000)).map((item) => item.id)).toEqual([before.id, after.id]);
    expect(changes.at(-1)).toBe(true);
    expect(changes).toContain(false);
    await stream.return();
  });
});
