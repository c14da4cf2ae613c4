import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, pageSize } from './cursor.js';

describe('connections', () => {
  it('bounds the page size', () => {
    expect(pageSize(undefined)).toBe(20);
    expect(pageSize(100)).toBe(100);
    expect(() => pageSize(1000)).toThrow(/between 1 and 100/);
    expect(() => pageSize(0)).toThrow(/between 1 and 100/);
  });
  it('round-trips a cursor and refuses one from another ordering or garbage', () => {
    const cursor = encodeCursor({ sort: 'name:ASC', value: 'Acme', id: 'x' });
    expect(decodeCursor(cursor, 'name:ASC')).toEqual({ sort: 'name:ASC', value: 'Acme', id: 'x' });
    expect(() => decodeCursor(cursor, 'createdAt:DESC')).toThrow(/another ordering/);
    expect(() => decodeCursor('not-a-cursor', 'name:ASC')).toThrow(/not a cursor/);
  });
});
