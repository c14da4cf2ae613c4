import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { databaseOutage } from './database-outage.js';

const wrapped = (inner: object) => new GraphQLError('failed', { originalError: Object.assign(new Error('orm'), { cause: inner }) });

describe('a database that could not serve a request', () => {
  it('is recognised through the errors that wrap it, by SQLSTATE, connection code or the pool’s message', () => {
    expect(databaseOutage(wrapped({ code: '57014' }))).toBe('its database did not answer in time');
    expect(databaseOutage(wrapped({ code: '57P03' }))).toBe('its database cannot serve now');
    expect(databaseOutage(wrapped({ code: '08006' }))).toBe('its database cannot serve now');
    expect(databaseOutage(wrapped({ code: 'ECONNREFUSED' }))).toBe('its database cannot be reached');
    expect(databaseOutage(new Error('timeout exceeded when trying to connect'))).toBe('no database connection was free in time');
  });

  it('is not any other failure', () => {
    expect(databaseOutage(wrapped({ code: '23505' }))).toBeNull();
    expect(databaseOutage(new Error('boom'))).toBeNull();
    expect(databaseOutage(undefined)).toBeNull();
  });
});
