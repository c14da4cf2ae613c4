import { afterAll, describe, expect, it } from 'vitest';
import { FailFastRedis, RedisAttemptLimiter } from '@erp/platform';
import { eventually } from '../support/eventually.js';
import { OwnRedis } from '../support/own-redis.js';

const redis = await OwnRedis.start();
const closers: (() => unknown)[] = [];
afterAll(async () => {
  for (const close of closers) await close();
  await redis.remove();
});

/** Long enough for ioredis's own reconnection backoff to have grown past half a second (it grows by 50 ms a try). */
const AWAY_FOR_MS = 3_000;
const AT_ONCE_MS = 500;

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await work();
  return { ms: performance.now() - started, result };
}

describe('FailFastRedis', () => {
  it('waits for its first connection, fails at once while Redis is away, and works again soon after it returns', async () => {
    const connection = new FailFastRedis(redis.url);
    closers.push(() => connection.disconnect());
    // Sent before the connection is made: it waits for it rather than failing on a Redis that is up.
    expect(await connection.send((client) => client.set('fail-fast:key', 'before'))).toBe('OK');

    await redis.stop();
    await new Promise((resolve) => setTimeout(resolve, AWAY_FOR_MS));
    const away = await timed(() => connection.send((client) => client.get('fail-fast:key')).then(() => 'answered', () => 'failed'));
    expect(away.result).toBe('failed');
    expect(away.ms).toBeLessThan(AT_ONCE_MS);

    await redis.resume();
    expect(await eventually(() => connection.send((client) => client.get('fail-fast:key')).catch(() => 'failed'), (value) => value === 'before', 5_000)).toBe('before');
  });

  it('fails at once from the start against a Redis that is not there', async () => {
    const connection = new FailFastRedis('redis://127.0.0.1:1');
    closers.push(() => connection.disconnect());
    const first = await timed(() => connection.send((client) => client.ping()).then(() => 'answered', () => 'failed'));
    expect(first.result).toBe('failed');
    expect(first.ms).toBeLessThan(1_000 + AT_ONCE_MS);
  });
});

describe('a sign-in while Redis has been away a while', () => {
  it('is throttled in the process at once: its four attempt-limiter commands wait for no reconnection', async () => {
    // Before, each command waited in ioredis's offline queue for the next reconnection attempt: 11–16 s for the four
    // once Redis had been away 20 s, past the router's deadline for identity.
    const limiter = new RedisAttemptLimiter('redis://127.0.0.1:1', 'erp-test-away');
    closers.push(() => limiter.close());
    const policy = { freeFailures: 5, baseDelayMs: 1_000, maxDelayMs: 60_000, forgetAfterMs: 60_000 };
    await new Promise((resolve) => setTimeout(resolve, AWAY_FOR_MS));
    const signIn = await timed(async () => {
      const waits = [await limiter.take('account', policy), await limiter.take('address', policy)];
      await limiter.reset('account');
      await limiter.refund('address');
      return waits;
    });
    expect(signIn.result).toEqual([0, 0]);
    expect(signIn.ms).toBeLessThan(AT_ONCE_MS);
  });
});
