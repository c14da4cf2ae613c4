import type { PermissionPolicy } from '@erp/platform';

export const billingPolicy: PermissionPolicy = {
  'invoices:read': ['admin', 'manager', 'accountant', 'sales', 'customer'],
  // Sales staff invoice and take payment for their orders (the commerce issue's walk-through does so as `sales`).
  'invoices:write': ['admin', 'manager', 'accountant', 'sales'],
};
