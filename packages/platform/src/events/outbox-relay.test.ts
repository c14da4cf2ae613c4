import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OutboxRelay, WAKE_GAP_MS } from './outbox-relay.js';

const quietLog = { info: () => undefined, warn: () => undefined } as never;

/** A relay whose runs are counted (when they begin) instead of reading an outbox; each takes `runMs`. */
function countingRelay(runMs = 0) {
  const relay = new OutboxRelay({} as never, {} as never, quietLog);
  const runs: number[] = [];
  vi.spyOn(relay, 'relayBatch').mockImplementation(async () => {
    runs.push(Date.now());
    if (runMs > 0) await new Promise((resolve) => setTimeout(resolve, runMs));
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
    // A commit every millisecond for 200 ms.
    for (let ms = 1; ms <= 200; ms += 1) {
      await vi.advanceTimersByTimeAsync(1);
      relay.wake();
    }
    await vi.advanceTimersByTimeAsync(WAKE_GAP_MS);
    expect(runs.length).toBeLessThanOrEqual(200 / WAKE_GAP_MS + 2);
    expect(runs.length).toBeGreaterThanOrEqual(200 / WAKE_GAP_MS);
    // Every commit went out within a gap of its wake: the last run came after the last commit.
    expect(runs.at(-1)).toBeGreaterThanOrEqual(1_000_200);
    expect(runs.at(-1)).toBeLessThanOrEqual(1_000_200 + WAKE_GAP_MS);
    await relay.stop();
  });

  it('keeps the gap after a slow run, instead of running back to back', async () => {
    const runMs = 30;
    const { relay, runs } = countingRelay(runMs);
    for (let ms = 0; ms < 400; ms += 1) {
      relay.wake();
      await vi.advanceTimersByTimeAsync(1);
    }
    await vi.advanceTimersByTimeAsync(runMs + WAKE_GAP_MS);
    expect(runs.length).toBeLessThanOrEqual(Math.ceil(400 / (runMs + WAKE_GAP_MS)) + 1);
    for (let i = 1; i < runs.length; i += 1) expect(runs[i]! - runs[i - 1]!).toBeGreaterThanOrEqual(runMs + WAKE_GAP_MS);
    await relay.stop();
  });
});
