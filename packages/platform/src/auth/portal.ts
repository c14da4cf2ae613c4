import type { Caller, Role } from './caller.js';
import { raw, sql, type Sql } from '../data/sql.js';
import type { Permission, PermissionPolicy } from './permissions.js';

export type CustomerScope = { kind: 'all' } | { kind: 'customer'; customerId: string | null };

/**
 * Customer-portal users hold a permission only through the `customer` role: they see the one customer their
 * account is linked to (none when unlinked). Staff roles and API keys see everything the permission covers.
 */
export function customerScope(caller: Caller | null, permission: Permission, policy: PermissionPolicy): CustomerScope {
  if (caller?.kind !== 'user') return { kind: 'all' };
  const staffRoles = (policy[permission] ?? []).filter((grantee): grantee is Role => grantee !== 'customer' && !grantee.startsWith('service:'));
  if (caller.roles.some((role) => staffRoles.includes(role))) return { kind: 'all' };
  return { kind: 'customer', customerId: caller.customerId ?? null };
}

/**
 * The row filter for `customerScope`: nothing for staff and partners; `field` = the linked customer for a portal
 * user; a filter that matches nothing for a portal user without a linked customer.
 */
export function customerScopeFilter(caller: Caller | null, permission: Permission, policy: PermissionPolicy, field: string): Record<string, unknown> {
  const scope = customerScope(caller, permission, policy);
  if (scope.kind === 'all') return {};
  return scope.customerId ? { [field]: scope.customerId } : { id: { $in: [] } };
}

/** Whether the caller may see a record of this customer under `permission` (the in-memory twin of the row filter). */
export function canSeeCustomer(caller: Caller | null, permission: Permission, policy: PermissionPolicy, customerId: string | null | undefined): boolean {
  const scope = customerScope(caller, permission, policy);
  return scope.kind === 'all' || (scope.customerId !== null && scope.customerId === customerId);
}

/** `customerScopeFilter` for the read path: no condition, `column = <linked customer>`, or `false`. */
export function customerScopeSql(caller: Caller | null, permission: Permission, policy: PermissionPolicy, column: Sql): Sql | null {
  const scope = customerScope(caller, permission, policy);
  if (scope.kind === 'all') return null;
  return scope.customerId ? sql`${column} = ${scope.customerId}` : raw('false');
}
