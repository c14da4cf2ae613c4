/**
 * How failures under one key (an account, a client address) slow its next attempts: the first `freeFailures` cost
 * nothing; after them each attempt waits `baseDelayMs` after the last failure, doubling with every further failure up
 * to `maxDelayMs`. A key's failures are forgotten `forgetAfterMs` after its last one.
 */
export interface ThrottlePolicy {
  freeFailures: number;
  baseDelayMs: number;
  maxDelayMs: number;
  forgetAfterMs: number;
}

/**
 * Counts attempts that may fail, per key, where every instance of a subgraph sees them: Redis when the subgraph has
 * it, this process otherwise (`InProcessAttemptLimiter`, `RedisAttemptLimiter`). An attempt is counted when it is
 * taken, before its outcome is known, so a burst of concurrent attempts that then fail earns the wait of all of them;
 * the wait runs from the last *failure* (`failed`), so concurrent attempts that succeed are never held back. One that
 * succeeds is given back (`refund`) or clears the key (`reset`).
 */
export interface AttemptLimiter {
  /** Takes an attempt under `key`: 0 when taken (and counted), else how many milliseconds it must wait (nothing counted). */
  take(key: string, policy: ThrottlePolicy): Promise<number>;
  /** A taken attempt failed: the wait starts now. */
  failed(key: string, policy: ThrottlePolicy): Promise<void>;
  /** Gives back one attempt taken under `key` (it succeeded, or failed through no fault of the client). */
  refund(key: string): Promise<void>;
  /** Forgets every failure under `key`. */
  reset(key: string): Promise<void>;
  close(): Promise<void>;
}

/** How long an attempt must still wait after `failures` failures, the last at `lastAt` (0: it may go). */
export function waitAfterFailures(failures: number, lastAt: number, policy: ThrottlePolicy, now: number): number {
  if (failures < policy.freeFailures) return 0;
  const delay = Math.min(policy.baseDelayMs * 2 ** (failures - policy.freeFailures), policy.maxDelayMs);
  return Math.max(0, lastAt + delay - now);
}
