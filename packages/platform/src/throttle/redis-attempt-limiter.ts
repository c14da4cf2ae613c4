import { FailFastRedis } from '../redis/fail-fast-redis.js';
import type { AttemptLimiter, ThrottlePolicy } from './attempt-limiter.js';
import { InProcessAttemptLimiter } from './in-process-attempt-limiter.js';

/** `waitAfterFailures`, then the count, in one step on Redis, so that concurrent attempts on every instance queue. */
const TAKE = `
local count = tonumber(redis.call('HGET', KEYS[1], 'count') or '0')
local lastAt = tonumber(redis.call('HGET', KEYS[1], 'lastAt') or '0')
local now, free, base, max, forget = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
if count >= free then
  local wait = lastAt + math.min(base * 2 ^ (count - free), max) - now
  if wait > 0 then return math.ceil(wait) end
end
redis.call('HSET', KEYS[1], 'count', count + 1)
redis.call('PEXPIRE', KEYS[1], forget)
return 0`;

const FAILED = `
if redis.call('EXISTS', KEYS[1]) == 1 then
  redis.call('HSET', KEYS[1], 'lastAt', ARGV[1])
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0`;

const REFUND = `
if tonumber(redis.call('HGET', KEYS[1], 'count') or '0') > 0 then redis.call('HINCRBY', KEYS[1], 'count', -1) end
return 0`;

/**
 * Attempts counted on Redis, shared by every instance of a subgraph. The clock is the instances' own (a few
 * milliseconds of skew move a wait by as much). While Redis does not answer, attempts are counted in this process
 * instead: sign-ins keep working through a Redis outage (as the rest of the platform does) and are still throttled,
 * per instance, rather than refused or let through unthrottled; at once, never waiting for Redis to come back.
 */
export class RedisAttemptLimiter implements AttemptLimiter {
  private readonly redis: FailFastRedis;
  private readonly fallback = new InProcessAttemptLimiter();

  constructor(redisUrl: string, private readonly prefix = 'erp') {
    this.redis = new FailFastRedis(redisUrl);
  }

  async take(key: string, policy: ThrottlePolicy): Promise<number> {
    const forget = Math.max(policy.forgetAfterMs, policy.maxDelayMs);
    const args = [Date.now(), policy.freeFailures, policy.baseDelayMs, policy.maxDelayMs, forget];
    try {
      return Number(await this.redis.send((redis) => redis.eval(TAKE, 1, this.keyOf(key), ...args)));
    } catch {
      return this.fallback.take(key, policy);
    }
  }

  async failed(key: string, policy: ThrottlePolicy): Promise<void> {
    const forget = Math.max(policy.forgetAfterMs, policy.maxDelayMs);
    await this.redis.send((redis) => redis.eval(FAILED, 1, this.keyOf(key), Date.now(), forget)).catch(() => this.fallback.failed(key, policy));
  }

  async refund(key: string): Promise<void> {
    await this.redis.send((redis) => redis.eval(REFUND, 1, this.keyOf(key))).catch(() => this.fallback.refund(key));
  }

  async reset(key: string): Promise<void> {
    await this.fallback.reset(key);
    await this.redis.send((redis) => redis.del(this.keyOf(key))).catch(() => undefined);
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }

  private keyOf(key: string): string {
    return `${this.prefix}:attempts:${key}`;
  }
}
