import { FailFastRedis } from '@erp/platform';

/** Where automatic persisted queries are kept (Apollo's KeyValueCache, as its `persistedQueries.cache` takes it). */
export interface PersistedQueryStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, options?: { ttl?: number | null }): Promise<void>;
  delete(key: string): Promise<boolean | void>;
}

/** How long a registered query is kept after its last registration (a client whose hash expired registers it again). */
export const PERSISTED_QUERY_TTL_SECONDS = 24 * 3600;

/**
 * Automatic persisted queries on Redis, so that a query registered through one router instance is known to all of
 * them. A Redis that does not answer is a miss at once (the client sends the full query and it runs), never a failed
 * or a waiting request.
 */
export class RedisPersistedQueryStore implements PersistedQueryStore {
  private readonly redis: FailFastRedis;

  constructor(redisUrl: string, private readonly prefix = 'erp') {
    this.redis = new FailFastRedis(redisUrl);
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.redis.send((redis) => redis.get(this.keyOf(key))).catch(() => null)) ?? undefined;
  }

  async set(key: string, value: string, options?: { ttl?: number | null }): Promise<void> {
    const ttl = options?.ttl ?? PERSISTED_QUERY_TTL_SECONDS;
    await this.redis.send((redis) => redis.set(this.keyOf(key), value, 'EX', ttl)).catch(() => undefined);
  }

  async delete(key: string): Promise<boolean> {
    return (await this.redis.send((redis) => redis.del(this.keyOf(key))).catch(() => 0)) > 0;
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }

  private keyOf(key: string): string {
    return `${this.prefix}:persisted-query:${key}`;
  }
}

/** Keeps nothing: in safelist mode a client cannot register an operation. */
export const NOTHING_KEPT: PersistedQueryStore = {
  get: async () => undefined,
  set: async () => undefined,
  delete: async () => false,
};
