import type { Caller, Role } from './caller.js';

/**
 * A permission is `<resource>:<action>` (e.g. `customers:write`). Each subgraph declares who holds which permission:
 * roles, and named services (`service:notifications`) for other subgraphs' background jobs. API keys and services
 * carry permissions directly as scopes, and `x:write` implies `x:read`.
 */
export type Permission = `${string}:${string}`;
/** A role, or a subgraph's background jobs by name. */
export type Grantee = Role | `service:${string}`;
export type PermissionPolicy = Record<Permission, readonly Grantee[]>;

export type AccessDecision = 'allowed' | 'unauthenticated' | 'forbidden';

export function scopeGrants(scopes: readonly string[], permission: Permission): boolean {
  if (scopes.includes(permission) || scopes.includes('*')) return true;
  const [resource, action] = permission.split(':');
  return action === 'read' && scopes.includes(`${resource}:write`);
}

function grantees(permission: Permission, policy: PermissionPolicy): readonly Grantee[] {
  const allowed = policy[permission];
  if (!allowed) throw new Error(`Permission ${permission} is not declared in the subgraph's policy.`);
  return allowed;
}

export function rolesGrant(roles: readonly Role[], permission: Permission, policy: PermissionPolicy): boolean {
  const allowed = grantees(permission, policy);
  return roles.some((role) => allowed.includes(role));
}

/** A service holds a permission through its declared scopes, or because the policy names it. */
export function serviceGranted(service: { name: string; scopes: readonly string[] }, permission: Permission, policy: PermissionPolicy): boolean {
  return scopeGrants(service.scopes, permission) || grantees(permission, policy).includes(`service:${service.name}`);
}

/** Decides access for `@Authorized(...permissions)`: any one of the listed permissions suffices; none = signed in. */
export function decideAccess(caller: Caller | null, permissions: readonly Permission[], policy: PermissionPolicy): AccessDecision {
  if (!caller || caller.kind === 'router') return 'unauthenticated';
  if (permissions.length === 0) return 'allowed';
  const granted = permissions.some((permission) => {
    switch (caller.kind) {
      case 'user':
        return rolesGrant(caller.roles, permission, policy);
      case 'apiKey':
        return scopeGrants(caller.scopes, permission) && (caller.ownerRoles === undefined || rolesGrant(caller.ownerRoles, permission, policy));
      case 'service':
        return serviceGranted(caller, permission, policy);
    }
  });
  return granted ? 'allowed' : 'forbidden';
}

export function hasRole(caller: Caller | null, ...roles: Role[]): boolean {
  return caller?.kind === 'user' && caller.roles.some((role) => roles.includes(role));
}
