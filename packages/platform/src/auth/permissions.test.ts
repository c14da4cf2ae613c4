import { describe, expect, it } from 'vitest';
import { serviceCaller } from './caller.js';
import { decideAccess, scopeGrants, type PermissionPolicy } from './permissions.js';

const policy: PermissionPolicy = { 'customers:read': ['sales', 'admin', 'customer'], 'customers:write': ['sales', 'admin'] };

describe('decideAccess', () => {
  it('asks anonymous callers to sign in', () => {
    expect(decideAccess(null, ['customers:read'], policy)).toBe('unauthenticated');
    expect(decideAccess(null, [], policy)).toBe('unauthenticated');
  });
  it('grants by role for users', () => {
    const sales = { kind: 'user', userId: 'u', roles: ['sales'] } as const;
    const hr = { kind: 'user', userId: 'u', roles: ['hr'] } as const;
    expect(decideAccess({ ...sales, roles: [...sales.roles] }, ['customers:write'], policy)).toBe('allowed');
    expect(decideAccess({ ...hr, roles: [...hr.roles] }, ['customers:read'], policy)).toBe('forbidden');
  });
  it('grants by scope for API keys, write implying read', () => {
    const key = { kind: 'apiKey', apiKeyId: 'k', ownerId: 'u', scopes: ['customers:write'] } as const;
    expect(decideAccess({ ...key, scopes: [...key.scopes] }, ['customers:read'], policy)).toBe('allowed');
    expect(scopeGrants(['customers:read'], 'customers:write')).toBe(false);
  });
  it('grants a service by its declared scopes or by name in the policy, and refuses it otherwise', () => {
    const named: PermissionPolicy = { ...policy, 'invoices:read': ['admin', 'service:notifications'] };
    expect(decideAccess(serviceCaller('notifications', ['customers:read']), ['customers:read'], named)).toBe('allowed');
    expect(decideAccess(serviceCaller('notifications'), ['invoices:read'], named)).toBe('allowed');
    expect(decideAccess(serviceCaller('billing', ['customers:read']), ['invoices:read'], named)).toBe('forbidden');
    expect(decideAccess(serviceCaller('billing'), ['customers:write'], named)).toBe('forbidden');
  });
  it('grants a key only what both its scopes and its owner\'s roles grant', () => {
    const key = { kind: 'apiKey', apiKeyId: 'k', ownerId: 'u', scopes: ['customers:write'], ownerRoles: ['customer'] } as const;
    expect(decideAccess(key, ['customers:read'], policy)).toBe('allowed');
    expect(decideAccess(key, ['customers:write'], policy)).toBe('forbidden');
    expect(decideAccess({ ...key, ownerRoles: ['admin'] }, ['customers:write'], policy)).toBe('allowed');
  });
  it('never lets the router act as a caller', () => {
    expect(decideAccess({ kind: 'router' }, [], policy)).toBe('unauthenticated');
  });
  it('fails loudly on an undeclared permission', () => {
    expect(() => decideAccess({ kind: 'user', userId: 'u', roles: ['admin'] }, ['ghost:read'], policy)).toThrow(/not declared/);
  });
});
