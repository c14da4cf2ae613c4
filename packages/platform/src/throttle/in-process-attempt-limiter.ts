import { waitAfterFailures, type AttemptLimiter, type ThrottlePolicy } from './attempt-limiter.js';

interface Failures {
  count: number;
  lastAt: number;
  forgetAt: number;
}

/** At most this many keys are kept; past it the oldest go first (a flood of made-up addresses cannot grow memory). */
const MAX_KEYS = 100_000;

const forgetMs = (policy: ThrottlePolicy) => Math.max(policy.forgetAfterMs, policy.maxDelayMs);

/** Attempts counted in this process: for a subgraph without Redis (one instance, the embedded start, tests). */
export class InProcessAttemptLimiter implements AttemptLimiter {
  private readonly keys = new Map<string, Failures>();

  constructor(private readonly now: () => number = Date.now) {}

  async take(key: string, policy: ThrottlePolicy): Promise<number> {
    const now = this.now();
    const current = this.current(key, now);
    const wait = current ? waitAfterFailures(current.count, current.lastAt, policy, now) : 0;
    if (wait > 0) return wait;
    this.keys.delete(key);
    this.keys.set(key, { count: (current?.count ?? 0) + 1, lastAt: current?.lastAt ?? 0, forgetAt: now + forgetMs(policy) });
    if (this.keys.size > MAX_KEYS) this.keys.delete(this.keys.keys().next().value!);
    return 0;
  }

  async failed(key: string, policy: ThrottlePolicy): Promise<void> {
    const now = this.now();
    const current = this.current(key, now);
    if (current) Object.assign(current, { lastAt: now, forgetAt: now + forgetMs(policy) });
  }

  async refund(key: string): Promise<void> {
    const current = this.current(key, this.now());
    if (current && current.count > 0) current.count -= 1;
  }

  async reset(key: string): Promise<void> {
    this.keys.delete(key);
  }

  async close(): Promise<void> {
    this.keys.clear();
  }

  private current(key: string, now: number): Failures | undefined {
    const failures = this.keys.get(key);
    if (failures && failures.forgetAt <= now) {
      this.keys.delete(key);
      return undefined;
    }
    return failures;
  }
}
