import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OutboxRelay, WAKE_GAP_MS } from './outbox-relay.js';

const quietLog = { info: () => undefined, warn: () => undefined } as never;

/** A relay whose runs are counted instead of reading an outbox. */
function countingRelay() {
  const relay = new OutboxRelay({} as never, {} as never, quietLog);
  const runs: number[] = [];
  vi.spyOn(relay, 'relayBatch').mockImplementation(async () => {
    runs.push(Date.now());
    return 1;
  });
  vi.spyOn(relay, 'redeliverOwed').mockResolvedValue(0);
  return { relay, runs };
}

describe('the outbox relay, woken by commits', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('looks at once when woken after a quiet while', async () => {
    const { relay, runs } = countingRelay();
    relay.wake();
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toEqual([1_000_000]);
    await vi.advanceTimersByTimeAsync(1_100);
    const quiet = runs.length;
    relay.wake();
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toHaveLength(quiet + 1);
    expect(runs.at(-1)).toBe(1_001_100);
    await relay.stop();
  });

  it('sends a stream of commits in one run per gap, not one run per commit', async () => {
    const { relay, runs } = countingRelay();
    relay.wake();
    await vi.advanceTimersByTimeAsync(0);
    // A commit every millisecond for 100 ms.
    for (let ms = 1; ms <= 100; ms += 1) {
      await vi.advanceTimersByTimeAsync(1);
      relay.wake();
    }
    await vi.advanceTimersByTimeAsync(WAKE_GAP_MS);
    expect(runs.length).toBeLessThanOrEqual(100 / WAKE_GAP_MS + 2);
    expect(runs.length).toBeGreaterThanOrEqual(100 / WAKE_GAP_MS);
    // Every commit went out within a gap of its wake: the last run came after the last commit.
    expect(runs.at(-1)).toBeGreaterThanOrEqual(1_000_100);
    expect(runs.at(-1)).toBeLessThanOrEqual(1_000_100 + WAKE_GAP_MS);
    await relay.stop();
  });
});
