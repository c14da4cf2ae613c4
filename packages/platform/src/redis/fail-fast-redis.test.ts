import { describe, expect, it } from 'vitest';
import { reconnectDelay } from './fail-fast-redis.js';

describe('reconnectDelay', () => {
  it('reconnects to Redis within a second, however long the outage', () => {
    expect([1, 2, 5, 10, 1_000].map(reconnectDelay)).toEqual([100, 200, 500, 1_000, 1_000]);
  });
});
