import type { Grantee } from '@erp/platform';

/**
 * Who may read invoices (`invoices:read`). Billing grants it; sales checks the same grant where it shows an order's
 * invoice number from its copy of billing's invoices, so both answers of the shared `Order.invoice` field obey one rule.
 */
export const INVOICE_READERS: readonly Grantee[] = ['admin', 'manager', 'accountant', 'sales', 'customer'];
