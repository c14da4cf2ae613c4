import { describe, expect, it } from 'vitest';
import { generateApiKeySecret, hashSecret, parseScopes, prefixOf } from './api-key.rules.js';

describe('API key secrets', () => {
  it('carries its prefix and hashes deterministically', () => {
    const generated = generateApiKeySecret();
    expect(prefixOf(generated.secret)).toBe(generated.prefix);
    expect(hashSecret(generated.secret)).toBe(generated.hash);
    expect(generated.hash).not.toContain(generated.secret);
  });
  it('never repeats', () => {
    expect(generateApiKeySecret().secret).not.toBe(generateApiKeySecret().secret);
  });
  it('recognises only well-formed secrets', () => {
    expect(prefixOf('erp_1234abcd_short')).toBeNull();
    expect(prefixOf('Bearer something')).toBeNull();
  });
});

describe('API key scopes', () => {
  it('accepts resource:read|write and removes duplicates', () => {
    expect(parseScopes(['orders:read', 'orders:read', 'invoices:write'])).toEqual(['orders:read', 'invoices:write']);
  });
  it('refuses none, wildcards and unknown actions', () => {
    expect(() => parseScopes([])).toThrow(/at least one scope/);
    expect(() => parseScopes(['*'])).toThrow(/invalid: \*/);
    expect(() => parseScopes(['orders:delete'])).toThrow(/invalid: orders:delete/);
  });
});
