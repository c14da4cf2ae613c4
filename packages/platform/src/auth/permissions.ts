import type { Caller, Role } from './caller.js';

/**
 * A permission is `<resource>:<action>` (e.g. `customers:write`). Each subgraph declares which roles hold which
 * permission; API keys carry permissions directly as scopes, and `x:write` implies `x:read`.
 */
export type Permission = `${string}:${string}`;
export type PermissionPolicy = Record<Permission, readonly Role[]>;

export type AccessDecision = 'allowed' | 'unauthenticated' | 'forbidden';

export function scopeGrants(scopes: readonly string[], permission: Permission): boolean {
  if (scopes.includes(permission) || scopes.includes('*')) return true;
  const [resource, action] = permission.split(':');
  return action === 'read' && scopes.includes(`${resource}:write`);
}

export function rolesGrant(roles: readonly Role[], permission: Permission, policy: PermissionPolicy): boolean {
  const allowed = policy[permission];
  if (!allowed) throw new Error(`Permission ${permission} is not declared in the subgraph's policy.`);
  return roles.some((role) => allowed.includes(role));
}

/** Decides access for `@Authorized(...permissions)`: any one of the listed permissions suffices; none = signed in. */
export function decideAccess(caller: Caller | null, permissions: readonly Permission[], policy: PermissionPolicy): AccessDecision {
  if (!caller || caller.kind === 'router') return 'unauthenticated';
  if (permissions.length === 0) return 'allowed';
  const granted =
    caller.kind === 'user'
      ? permissions.some((p) => rolesGrant(caller.roles, p, policy))
      : permissions.some((p) => scopeGrants(caller.scopes, p));
  return granted ? 'allowed' : 'forbidden';
}

export function hasRole(caller: Caller | null, ...roles: Role[]): boolean {
  return caller?.kind === 'user' && caller.roles.some((role) => roles.includes(role));
}
