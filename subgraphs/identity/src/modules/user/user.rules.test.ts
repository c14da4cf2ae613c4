import { describe, expect, it } from 'vitest';
import { assertPassword, parseRoles } from './user.rules.js';

describe('user rules', () => {
  it('requires passwords of at least 10 characters', () => {
    expect(() => assertPassword('short')).toThrow(/at least 10/);
    expect(() => assertPassword('long enough!')).not.toThrow();
  });
  it('knows only the roles of the design', () => {
    expect(parseRoles(['sales', 'sales', 'admin'])).toEqual(['sales', 'admin']);
    expect(() => parseRoles(['root'])).toThrow(/Unknown role\(s\): root/);
  });
});
