import type { PermissionPolicy } from '@erp/platform';

export const inventoryPolicy: PermissionPolicy = {
  'stock:read': ['admin', 'manager', 'sales', 'accountant', 'warehouse'],
  /** Receiving, adjusting, transferring and the reorder settings: the warehouse's work. */
  'stock:write': ['admin', 'manager', 'warehouse'],
  /** Reserving and releasing for orders: whoever places and cancels orders (sales calls it as the caller). */
  'stock:reserve': ['admin', 'manager', 'sales'],
  'warehouses:write': ['admin', 'manager'],
};
