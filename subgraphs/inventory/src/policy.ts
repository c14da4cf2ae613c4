import type { PermissionPolicy } from '@erp/platform';

export const inventoryPolicy: PermissionPolicy = {
  'stock:read': ['admin', 'manager', 'sales', 'accountant', 'warehouse'],
  /** Receiving, adjusting, transferring and the reorder settings: the warehouse's work. */
  'stock:write': ['admin', 'manager', 'warehouse'],
  /**
   * Reserving and releasing for orders: a step of sales' placeOrder, which sales takes on its own authority once it has
   * let the caller place the order (an API key with orders:write places orders without a stock scope of its own).
   */
  'stock:reserve': ['service:sales'],
  'warehouses:write': ['admin', 'manager'],
  /** Suppliers, purchase orders and what stock is worth: the accountant reads them. */
  'purchasing:read': ['admin', 'manager', 'warehouse', 'accountant'],
  /** Suppliers, purchase orders and receiving them: the warehouse's work. */
  'purchasing:write': ['admin', 'manager', 'warehouse'],
};
