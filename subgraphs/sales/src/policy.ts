import { INVOICE_READERS } from '@erp/contracts';
import type { PermissionPolicy } from '@erp/platform';

export const salesPolicy: PermissionPolicy = {
  'orders:read': ['admin', 'manager', 'sales', 'accountant', 'warehouse', 'customer'],
  'orders:write': ['admin', 'manager', 'sales'],
  /** Shipping and delivery are the warehouse's work too. */
  'orders:fulfil': ['admin', 'manager', 'sales', 'warehouse'],
  /** Billing's grant: sales shows an order's invoice number from its copy of billing's invoices (order-invoice.resolver.ts). */
  'invoices:read': INVOICE_READERS,
};
