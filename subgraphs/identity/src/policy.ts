import type { PermissionPolicy } from '@erp/platform';

export const identityPolicy: PermissionPolicy = {
  'users:read': ['admin', 'manager'],
  'users:write': ['admin'],
  'apikeys:read': ['admin', 'manager'],
  'apikeys:write': ['admin', 'manager'],
  'signing-keys:write': ['admin'],
  /** The audit trail of every subgraph (`auditLog`). */
  'audit:read': ['admin'],
};
