import type { PermissionPolicy } from '@erp/platform';

export const catalogPolicy: PermissionPolicy = {
  'catalog:read': ['admin', 'manager', 'sales', 'accountant', 'warehouse', 'hr', 'employee', 'customer'],
  // Sales staff set up the products they sell (the commerce issue's acceptance walk-through does it as `sales`).
  'catalog:write': ['admin', 'manager', 'sales'],
};
