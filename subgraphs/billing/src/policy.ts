import { INVOICE_READERS } from '@erp/contracts';
import type { PermissionPolicy } from '@erp/platform';

export const billingPolicy: PermissionPolicy = {
  /** Sales checks the same grant for the invoice numbers it shows (contracts). */
  'invoices:read': INVOICE_READERS,
  // Sales staff invoice and take payment for their orders (the commerce issue's walk-through does so as `sales`).
  'invoices:write': ['admin', 'manager', 'accountant', 'sales'],
};
