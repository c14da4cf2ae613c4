import { describe, expect, it } from 'vitest';
import { assertUuid, likePattern, normalizeEmail, optionalText, requiredText } from './validation.js';

describe('input validation', () => {
  it('normalizes emails and refuses malformed ones', () => {
    expect(normalizeEmail('  Ada@Example.COM ')).toBe('ada@example.com');
    expect(() => normalizeEmail('ada@')).toThrow(/not a valid email/);
    expect(() => normalizeEmail('ada example@x.io')).toThrow(/not a valid email/);
  });
  it('requires text where text is required', () => {
    expect(requiredText('  Acme ', 'name')).toBe('Acme');
    expect(() => requiredText('   ', 'name')).toThrow(/name must not be empty/);
    expect(() => requiredText('x'.repeat(201), 'name')).toThrow(/at most 200/);
    expect(optionalText('  ', 'phone')).toBeNull();
  });
  it('escapes LIKE wildcards and checks UUIDs', () => {
    expect(likePattern(' 50%_off ')).toBe('%50\\%\\_off%');
    expect(() => assertUuid('nope', 'id')).toThrow(/id must be a UUID/);
  });
});
