import type { Redis } from 'ioredis';
import { BucketLeases, leaseSize } from './bucket-leases.js';

/** How much one caller may spend: a bucket of `maximumAvailable` points refilled at `restoreRate` points a second. */
export interface CostLimit {
  maximumAvailable: number;
  restoreRate: number;
}

export interface BucketState extends CostLimit {
  currentlyAvailable: number;
}

export interface Withdrawal extends BucketState {
  allowed: boolean;
  /** When a refused withdrawal would fit (ms from now); 0 when allowed. */
  retryAfterMs: number;
}

/**
 * Leaky buckets of query cost, one per caller: a request takes its requested cost before it runs (refused, taking
 * nothing, when the bucket holds less) and gives back what it did not spend once its actual cost is known.
 */
export interface CostBuckets {
  withdraw(caller: string, cost: number, limit: CostLimit): Promise<Withdrawal>;
  /**
   * Puts points back (never above the maximum), without a round trip of its own on the request path: a shared store
   * keeps them in this instance's lease, or applies them with the caller's next step or within `flushIntervalMs`.
   */
  refund(caller: string, points: number, limit: CostLimit): void;
  close(): Promise<void>;
}

function retryAfter(cost: number, available: number, limit: CostLimit): number {
  return limit.restoreRate > 0 ? Math.ceil(((cost - available) / limit.restoreRate) * 1000) : Number.POSITIVE_INFINITY;
}

/** The buckets of one router process, for the embedded start: each router instance would have its own. */
export class InProcessCostBuckets implements CostBuckets {
  private readonly buckets = new Map<string, { available: number; at: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async withdraw(caller: string, cost: number, limit: CostLimit): Promise<Withdrawal> {
    const available = this.level(caller, limit);
    const allowed = cost <= available;
    const left = allowed ? available - cost : available;
    this.buckets.set(caller, { available: left, at: this.now() });
    return { ...limit, currentlyAvailable: left, allowed, retryAfterMs: allowed ? 0 : retryAfter(cost, available, limit) };
  }

  refund(caller: string, points: number, limit: CostLimit): void {
    const left = Math.min(limit.maximumAvailable, this.level(caller, limit) + Math.max(0, points));
    this.buckets.set(caller, { available: left, at: this.now() });
    if (left >= limit.maximumAvailable) this.buckets.delete(caller);
  }

  async close(): Promise<void> {
    this.buckets.clear();
  }

  private level(caller: string, limit: CostLimit): number {
    const bucket = this.buckets.get(caller);
    if (!bucket) return limit.maximumAvailable;
    return Math.min(limit.maximumAvailable, bucket.available + ((this.now() - bucket.at) / 1000) * limit.restoreRate);
  }
}

interface PendingRefund {
  points: number;
  limit: CostLimit;
}

/**
 * One atomic step on a bucket kept in Redis, on Redis's clock (so several routers agree): refill for the time since the
 * last step, put back `refund` points that earlier requests did not spend, then take `cost` when it fits, plus up to
 * `lease` more for the instance to spend ahead (never more than the bucket holds after the cost), and expire the key
 * once it would be full again. Returns [allowed, points before the take, points after, points leased] as strings (Lua
 * numbers would be truncated).
 */
const STEP = `
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local cost = tonumber(ARGV[1])
local maximum = tonumber(ARGV[2])
local rate = tonumber(ARGV[3])
local refund = tonumber(ARGV[4])
local lease = tonumber(ARGV[5])
local state = redis.call('HMGET', KEYS[1], 'available', 'at')
local available = tonumber(state[1])
local at = tonumber(state[2])
if available == nil or at == nil then available = maximum; at = now end
available = math.min(maximum, available + math.max(0, now - at) * rate / 1000 + refund)
local before = available
local allowed = 0
local leased = 0
if cost <= available then
  leased = math.max(0, math.min(lease, math.floor(available - cost)))
  available = math.min(maximum, available - cost - leased)
  allowed = 1
end
if available >= maximum then
  redis.call('DEL', KEYS[1])
else
  redis.call('HSET', KEYS[1], 'available', tostring(available), 'at', tostring(now))
  local ttl = 60000
  if rate > 0 then ttl = math.ceil((maximum - available) / rate * 1000) + 1000 end
  redis.call('PEXPIRE', KEYS[1], ttl)
end
return { tostring(allowed), tostring(before), tostring(available), tostring(leased) }
`;

export interface RedisCostBucketsOptions {
  /**
   * How long a refund may wait for its caller's next withdrawal before it is sent on its own (one batch for all), and
   * how long a lease may lie unused before its points go back.
   */
  flushIntervalMs?: number;
}

/**
 * The buckets shared by every router instance on one Redis. A step in Redis takes a request's cost and leases the
 * instance a little more (`leaseSize`: a twentieth of the bucket, at most a second of its restore rate), from which the
 * caller's next requests through this instance are charged without a round trip; what a request did not spend refills
 * the lease. A step happens when the lease cannot pay; it returns what the lease still held. Refunds beyond a lease's
 * size, and leases unused for `flushIntervalMs`, go back together, one pipeline for all callers (and on close). Points
 * held in a lease or waiting as a refund are missing from the shared bucket: another instance may refuse the caller a
 * little early, and the caller may spend at most one lease per instance beyond its bucket.
 */
export class RedisCostBuckets implements CostBuckets {
  private readonly pending = new Map<string, PendingRefund>();
  private readonly leases: BucketLeases;
  private readonly stepping = new Map<string, Promise<void>>();
  private readonly flushIntervalMs: number;
  private readonly flusher: NodeJS.Timeout;
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'erp:cost:',
    options: RedisCostBucketsOptions = {},
    now: () => number = Date.now,
  ) {
    redis.defineCommand('erpCostStep', { numberOfKeys: 1, lua: STEP });
    this.leases = new BucketLeases(now);
    this.flushIntervalMs = options.flushIntervalMs ?? 1_000;
    this.flusher = setInterval(() => void this.flush(now() - this.flushIntervalMs), this.flushIntervalMs);
    this.flusher.unref();
  }

  async withdraw(caller: string, cost: number, limit: CostLimit): Promise<Withdrawal> {
    for (;;) {
      const left = this.leases.take(caller, cost, limit);
      if (left !== null) return { ...limit, currentlyAvailable: left, allowed: true, retryAfterMs: 0 };
      // One step per caller at a time on this instance: requests that find the lease empty together wait for the step
      // one of them runs and are charged to the lease it brings, instead of each leasing the bucket out.
      const stepping = this.stepping.get(caller);
      if (!stepping) break;
      await stepping;
    }
    const step = this.stepAndLease(caller, cost, limit);
    const settled = step.then(
      () => undefined,
      () => undefined,
    );
    this.stepping.set(caller, settled);
    try {
      return await step;
    } finally {
      if (this.stepping.get(caller) === settled) this.stepping.delete(caller);
    }
  }

  refund(caller: string, points: number, limit: CostLimit): void {
    if (!(points > 0)) return;
    const overflow = this.leases.keep(caller, points, limit);
    if (overflow > 0) this.giveBack(caller, overflow, limit);
  }

  /**
   * Sends every waiting refund now, with the leases not used since `idleSince` (every lease without it), in one
   * pipeline; lost if Redis does not answer, as with a failed step.
   */
  async flush(idleSince?: number): Promise<void> {
    if (this.flushing) return this.flushing;
    for (const { caller, points, limit } of this.leases.drain(idleSince)) this.giveBack(caller, points, limit);
    if (this.pending.size === 0) return;
    const pipeline = this.redis.pipeline() as unknown as Record<string, (...args: unknown[]) => unknown> & { exec(): Promise<unknown> };
    for (const [caller, { points, limit }] of this.pending) pipeline.erpCostStep!(this.prefix + caller, 0, limit.maximumAvailable, limit.restoreRate, points, 0);
    this.pending.clear();
    this.flushing = pipeline.exec().then(
      () => void (this.flushing = null),
      () => void (this.flushing = null),
    );
    return this.flushing;
  }

  async close(): Promise<void> {
    clearInterval(this.flusher);
    while (this.flushing || this.pending.size > 0 || this.leases.size > 0) await this.flush();
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private async stepAndLease(caller: string, cost: number, limit: CostLimit): Promise<Withdrawal> {
    // A refund (or lease) that fails with its step is lost: the caller gets its points back at the restore rate instead.
    const refund = (this.pending.get(caller)?.points ?? 0) + this.leases.surrender(caller);
    this.pending.delete(caller);
    const [allowed, before, after, leased] = await this.step(caller, cost, refund, cost > 0 ? leaseSize(limit) : 0, limit);
    const held = this.leases.granted(caller, leased, after, limit);
    return { ...limit, currentlyAvailable: after + held, allowed, retryAfterMs: allowed ? 0 : retryAfter(cost, before, limit) };
  }

  private giveBack(caller: string, points: number, limit: CostLimit): void {
    const waiting = this.pending.get(caller)?.points ?? 0;
    // Never more than a full bucket: the step caps it anyway, and what waits here stays bounded.
    this.pending.set(caller, { points: Math.min(limit.maximumAvailable, waiting + points), limit });
  }

  private async step(caller: string, cost: number, refund: number, lease: number, limit: CostLimit): Promise<[boolean, number, number, number]> {
    const run = (this.redis as unknown as Record<string, (...args: unknown[]) => Promise<string[]>>).erpCostStep!;
    const [allowed, before, after, leased] = await run.call(this.redis, this.prefix + caller, cost, limit.maximumAvailable, limit.restoreRate, refund, lease);
    return [allowed === '1', Number(before), Number(after), Number(leased)];
  }
}
