import type { PermissionPolicy } from '@erp/platform';

export const catalogPolicy: PermissionPolicy = {
  'catalog:read': ['admin', 'manager', 'sales', 'accountant', 'warehouse', 'hr', 'employee', 'customer'],
  'catalog:write': ['admin', 'manager'],
};
