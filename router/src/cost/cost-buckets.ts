import type { Redis } from 'ioredis';

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
  /** Puts points back (never above the maximum) and tells what the bucket then holds. */
  refund(caller: string, points: number, limit: CostLimit): Promise<BucketState>;
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

  async refund(caller: string, points: number, limit: CostLimit): Promise<BucketState> {
    const left = Math.min(limit.maximumAvailable, this.level(caller, limit) + Math.max(0, points));
    this.buckets.set(caller, { available: left, at: this.now() });
    if (left >= limit.maximumAvailable) this.buckets.delete(caller);
    return { ...limit, currentlyAvailable: left };
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

/**
 * One atomic step on a bucket kept in Redis, on Redis's clock (so several routers agree): refill for the time since the
 * last step, then take `cost` when it fits (a negative cost gives points back), and expire the key once it would be
 * full again. Returns [allowed, points before, points after] as strings (Lua numbers would be truncated).
 */
const STEP = `
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local cost = tonumber(ARGV[1])
local maximum = tonumber(ARGV[2])
local rate = tonumber(ARGV[3])
local state = redis.call('HMGET', KEYS[1], 'available', 'at')
local available = tonumber(state[1])
local at = tonumber(state[2])
if available == nil or at == nil then available = maximum; at = now end
available = math.min(maximum, available + math.max(0, now - at) * rate / 1000)
local before = available
local allowed = 0
if cost <= available then
  available = math.min(maximum, available - cost)
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
return { tostring(allowed), tostring(before), tostring(available) }
`;

/** The buckets shared by every router instance on one Redis. */
export class RedisCostBuckets implements CostBuckets {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'erp:cost:',
  ) {
    redis.defineCommand('erpCostStep', { numberOfKeys: 1, lua: STEP });
  }

  async withdraw(caller: string, cost: number, limit: CostLimit): Promise<Withdrawal> {
    const [allowed, before, after] = await this.step(caller, cost, limit);
    return { ...limit, currentlyAvailable: after, allowed, retryAfterMs: allowed ? 0 : retryAfter(cost, before, limit) };
  }

  async refund(caller: string, points: number, limit: CostLimit): Promise<BucketState> {
    const [, , after] = await this.step(caller, -Math.max(0, points), limit);
    return { ...limit, currentlyAvailable: after };
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private async step(caller: string, cost: number, limit: CostLimit): Promise<[boolean, number, number]> {
    const run = (this.redis as unknown as Record<string, (...args: unknown[]) => Promise<string[]>>).erpCostStep!;
    const [allowed, before, after] = await run.call(this.redis, this.prefix + caller, cost, limit.maximumAvailable, limit.restoreRate);
    return [allowed === '1', Number(before), Number(after)];
  }
}
