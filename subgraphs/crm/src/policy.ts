import type { PermissionPolicy } from '@erp/platform';

export const crmPolicy: PermissionPolicy = {
  'customers:read': ['admin', 'manager', 'sales', 'accountant', 'warehouse', 'customer'],
  'customers:write': ['admin', 'manager', 'sales'],
  'leads:read': ['admin', 'manager', 'sales'],
  'leads:write': ['admin', 'manager', 'sales'],
  'activities:read': ['admin', 'manager', 'sales'],
  'activities:write': ['admin', 'manager', 'sales'],
};
