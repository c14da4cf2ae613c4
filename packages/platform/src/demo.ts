/**
 * The embedded demo's shared scenario: well-known ids and the few facts one subgraph's demo rows need about
 * another's (the customer-portal user belongs to Acme; demo orders snapshot the demo products' prices), so that
 * no subgraph imports another.
 */
export const DEMO_IDS = {
  customerAcme: '00000000-0000-4000-8000-00000000c001',
  customerGlobex: '00000000-0000-4000-8000-00000000c002',
  customerInitech: '00000000-0000-4000-8000-00000000c003',
} as const;

export interface DemoProduct {
  id: string;
  sku: string;
  name: string;
  /** Net unit price, decimal string. */
  price: string;
  currency: string;
  /** Percent. */
  taxRate: string;
  unit: string;
  category: string;
}

export const DEMO_PRODUCTS: DemoProduct[] = [
  { id: '00000000-0000-4000-8000-00000000a001', sku: 'CHAIR-OAK', name: 'Oak office chair', price: '249.00', currency: 'EUR', taxRate: '20', unit: 'pcs', category: 'Furniture' },
  { id: '00000000-0000-4000-8000-00000000a002', sku: 'DESK-150', name: 'Standing desk 150 cm', price: '589.90', currency: 'EUR', taxRate: '20', unit: 'pcs', category: 'Furniture' },
  { id: '00000000-0000-4000-8000-00000000a003', sku: 'LAMP-LED', name: 'LED desk lamp', price: '39.95', currency: 'EUR', taxRate: '20', unit: 'pcs', category: 'Lighting' },
  { id: '00000000-0000-4000-8000-00000000a004', sku: 'PAPER-A4', name: 'A4 paper, 500 sheets', price: '4.49', currency: 'EUR', taxRate: '7', unit: 'pack', category: 'Supplies' },
  { id: '00000000-0000-4000-8000-00000000a005', sku: 'COFFEE-1KG', name: 'Coffee beans', price: '18.50', currency: 'EUR', taxRate: '7', unit: 'kg', category: 'Supplies' },
  { id: '00000000-0000-4000-8000-00000000a006', sku: 'INSTALL-H', name: 'Installation service', price: '65.00', currency: 'EUR', taxRate: '20', unit: 'h', category: 'Services' },
  { id: '00000000-0000-4000-8000-00000000a007', sku: 'MONITOR-27', name: '27" monitor', price: '319.00', currency: 'EUR', taxRate: '20', unit: 'pcs', category: 'Electronics' },
  { id: '00000000-0000-4000-8000-00000000a008', sku: 'HEADSET-BT', name: 'Bluetooth headset', price: '89.00', currency: 'EUR', taxRate: '20', unit: 'pcs', category: 'Electronics' },
];

export type DemoOrderStatus = 'DRAFT' | 'PLACED' | 'CONFIRMED' | 'SHIPPED' | 'DELIVERED' | 'CANCELLED';
export type DemoInvoiceState = 'DRAFT' | 'ISSUED' | 'PARTIALLY_PAID' | 'PAID';

export interface DemoOrder {
  id: string;
  customerId: string;
  status: DemoOrderStatus;
  /** Days before today the order was created. */
  daysAgo: number;
  lines: { product: number; quantity: number }[];
  invoice?: DemoInvoiceState;
}

const demoOrderId = (n: number) => `00000000-0000-4000-8000-0000000b${n.toString().padStart(4, '0')}`;

/** Orders in every status, and which of them billing invoiced and how far they are paid. */
export const DEMO_ORDERS: DemoOrder[] = [
  { id: demoOrderId(1), customerId: DEMO_IDS.customerGlobex, status: 'DELIVERED', daysAgo: 40, lines: [{ product: 0, quantity: 4 }, { product: 1, quantity: 2 }], invoice: 'PAID' },
  { id: demoOrderId(2), customerId: DEMO_IDS.customerGlobex, status: 'SHIPPED', daysAgo: 12, lines: [{ product: 6, quantity: 3 }, { product: 7, quantity: 3 }], invoice: 'PARTIALLY_PAID' },
  { id: demoOrderId(3), customerId: DEMO_IDS.customerInitech, status: 'CONFIRMED', daysAgo: 5, lines: [{ product: 3, quantity: 20 }, { product: 4, quantity: 5 }], invoice: 'ISSUED' },
  { id: demoOrderId(4), customerId: DEMO_IDS.customerInitech, status: 'CONFIRMED', daysAgo: 2, lines: [{ product: 5, quantity: 8 }], invoice: 'DRAFT' },
  { id: demoOrderId(5), customerId: DEMO_IDS.customerGlobex, status: 'PLACED', daysAgo: 1, lines: [{ product: 2, quantity: 10 }] },
  { id: demoOrderId(6), customerId: DEMO_IDS.customerInitech, status: 'DRAFT', daysAgo: 0, lines: [{ product: 0, quantity: 1 }, { product: 2, quantity: 1 }] },
  { id: demoOrderId(7), customerId: DEMO_IDS.customerGlobex, status: 'CANCELLED', daysAgo: 20, lines: [{ product: 1, quantity: 1 }] },
];
