import { describe, expect, it } from 'vitest';
import { waitAfterFailures, type ThrottlePolicy } from './attempt-limiter.js';
import { InProcessAttemptLimiter } from './in-process-attempt-limiter.js';

const policy: ThrottlePolicy = { freeFailures: 3, baseDelayMs: 1_000, maxDelayMs: 8_000, forgetAfterMs: 60_000 };

describe('concurrent attempts', () => {
  it('hold nothing back while none has failed, and earn the wait of all of them once they fail', async () => {
    const now = 5_000;
    const limiter = new InProcessAttemptLimiter(() => now);
    for (let i = 0; i < 6; i += 1) expect(await limiter.take('k', policy)).toBe(0);
    await limiter.failed('k', policy);
    expect(await limiter.take('k', policy)).toBe(8_000);
  });
});

describe('waitAfterFailures', () => {
  it('costs nothing for the free failures, then waits from the last failure, doubling up to the maximum', () => {
    expect(waitAfterFailures(2, 0, policy, 0)).toBe(0);
    expect(waitAfterFailures(3, 0, policy, 0)).toBe(1_000);
    expect(waitAfterFailures(3, 0, policy, 400)).toBe(600);
    expect(waitAfterFailures(4, 0, policy, 0)).toBe(2_000);
    expect(waitAfterFailures(10, 0, policy, 0)).toBe(8_000);
    expect(waitAfterFailures(10, 0, policy, 9_000)).toBe(0);
  });
});

describe('InProcessAttemptLimiter', () => {
  it('counts taken attempts, refuses without counting while a key waits after failures, and gives back refunds', async () => {
    let now = 0;
    const limiter = new InProcessAttemptLimiter(() => now);
    const fail = async () => {
      expect(await limiter.take('k', policy)).toBe(0);
      await limiter.failed('k', policy);
    };
    now = 10;
    for (let i = 0; i < 3; i += 1) await fail();
    expect(await limiter.take('k', policy)).toBe(1_000);
    expect(await limiter.take('k', policy)).toBe(1_000);
    now = 1_010;
    await fail();
    expect(await limiter.take('k', policy)).toBe(2_000);
    await limiter.refund('k');
    expect(await limiter.take('k', policy)).toBe(1_000);
    expect(await limiter.take('other', policy)).toBe(0);
    await limiter.reset('k');
    expect(await limiter.take('k', policy)).toBe(0);
  });

  it('forgets a key after its quiet period', async () => {
    let now = 0;
    const limiter = new InProcessAttemptLimiter(() => now);
    for (let i = 0; i < 4; i += 1) {
      await limiter.take('k', policy);
      await limiter.failed('k', policy);
    }
    now = 60_001;
    for (let i = 0; i < 3; i += 1) expect(await limiter.take('k', policy)).toBe(0);
  });
});
