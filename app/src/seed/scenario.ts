import type { Role } from '@erp/platform';

/**
 * What a seed writes, as data: `seedScenario` turns it into mutations through the graph. The bulk seed generates
 * one from a size; the embedded demo is a small, named one. Rows refer to each other by `ref` (customers), name
 * (categories) and SKU (products), never by id: ids are the graph's to give.
 */
export interface SeedScenario {
  categories?: SeedCategory[];
  products: SeedProduct[];
  /** Warehouses and opening stock, written after the products and before the orders that reserve it. */
  inventory?: SeedInventory;
  customers: SeedCustomer[];
  /** Created after the customers, so a portal user can be linked to one. */
  users?: SeedUser[];
  leads?: SeedLead[];
  orders: SeedOrder[];
}

export interface SeedCategory {
  name: string;
  /** The parent's name; it must come earlier in the list. */
  parent?: string;
}

export interface SeedProduct {
  sku: string;
  name: string;
  /** Net unit price, decimal string. */
  price: string;
  currency: string;
  /** Percent, decimal string. */
  taxRate: string;
  unit?: string;
  category?: string;
}

export interface SeedInventory {
  /** The first is the default warehouse (orders that name none reserve from it). */
  warehouses: { code: string; name: string; city: string; country: string }[];
  /** Opening counts, by SKU and warehouse code, adjusted in like a stock count. */
  stock: { sku: string; warehouse: string; quantity: number }[];
  reorderPoints?: { sku: string; warehouse: string; reorderPoint: number; reorderQuantity?: number }[];
  /** SKUs that are services: never stock-tracked, never reserved. */
  services?: string[];
}

export interface SeedCustomer {
  ref: string;
  name: string;
  kind?: 'COMPANY' | 'INDIVIDUAL';
  email: string;
  currency?: string;
  tags: string[];
  billingAddress: { line1: string; city: string; postalCode?: string; country: string };
  contact?: { firstName: string; lastName: string; email: string; position: string };
  activities?: SeedActivity[];
}

export interface SeedActivity {
  type: 'CALL' | 'EMAIL' | 'MEETING' | 'NOTE';
  subject: string;
  daysAgo: number;
}

export interface SeedUser {
  email: string;
  password: string;
  roles: Role[];
  /** The `ref` of the customer a portal user belongs to. */
  customer?: string;
}

export type SeedLeadStage = 'NEW' | 'QUALIFIED' | 'PROPOSAL' | 'NEGOTIATION' | 'LOST';

export interface SeedLead {
  title: string;
  companyName: string;
  stage: SeedLeadStage;
  /** Expected deal value in EUR, decimal string. */
  value: string;
  lostReason?: string;
  note: string;
}

export type SeedOrderStatus = 'DRAFT' | 'PLACED' | 'CONFIRMED' | 'SHIPPED' | 'DELIVERED' | 'CANCELLED';
/** How far a confirmed order's invoice got; billing drafts one for every confirmed order anyway. */
export type SeedInvoiceState = 'DRAFT' | 'ISSUED' | 'PARTIALLY_PAID' | 'PAID';

export interface SeedOrder {
  /** The `ref` of the customer. */
  customer: string;
  lines: { sku: string; quantity: number }[];
  status: SeedOrderStatus;
  /** Only for CONFIRMED, SHIPPED and DELIVERED orders. */
  invoice?: SeedInvoiceState;
  cancelReason?: string;
  trackingNumber?: string;
}
