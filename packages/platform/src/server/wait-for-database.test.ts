import { describe, expect, it } from 'vitest';
import { isUnreachable } from './wait-for-database.js';

describe('telling an unreachable database from a failing statement', () => {
  it('retries refused, reset and timed-out connections and a server that is starting', () => {
    expect(isUnreachable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isUnreachable(Object.assign(new AggregateError([Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })]), {}))).toBe(true);
    expect(isUnreachable(Object.assign(new Error('the database system is starting up'), { code: '57P03' }))).toBe(true);
    expect(isUnreachable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isUnreachable(new Error('Migration failed', { cause: Object.assign(new Error('reset'), { code: 'ECONNRESET' }) }))).toBe(true);
  });

  it('does not retry a statement the database refused', () => {
    expect(isUnreachable(Object.assign(new Error('relation "x" does not exist'), { code: '42P01' }))).toBe(false);
    expect(isUnreachable(new Error('syntax error'))).toBe(false);
    expect(isUnreachable(undefined)).toBe(false);
  });
});
