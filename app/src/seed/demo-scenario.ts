import type { SeedCustomer, SeedInventory, SeedLead, SeedOrder, SeedProduct, SeedScenario, SeedUser } from './scenario.js';

/**
 * The embedded demo: a small, named scenario of the same seeder as `pnpm seed`. README and the start banner print
 * the users' emails and passwords, so they must not change.
 */
export const DEMO_USERS: SeedUser[] = [
  { email: 'admin@demo.erp', password: 'demo-admin-pass', roles: ['admin'] },
  { email: 'manager@demo.erp', password: 'demo-manager-pass', roles: ['manager'] },
  { email: 'sales@demo.erp', password: 'demo-sales-pass', roles: ['sales'] },
  { email: 'accountant@demo.erp', password: 'demo-accountant-pass', roles: ['accountant'] },
  { email: 'warehouse@demo.erp', password: 'demo-warehouse-pass', roles: ['warehouse'] },
  { email: 'hr@demo.erp', password: 'demo-hr-pass', roles: ['hr'] },
  { email: 'employee@demo.erp', password: 'demo-employee-pass', roles: ['employee'] },
  { email: 'customer@demo.erp', password: 'demo-customer-pass', roles: ['customer'], customer: 'acme' },
];

/** The admin the platform ensures at start in demo mode; the seed signs in as it. */
export const DEMO_ADMIN = { email: DEMO_USERS[0]!.email, password: DEMO_USERS[0]!.password };

const PRODUCTS: SeedProduct[] = [
  { sku: 'CHAIR-OAK', name: 'Oak office chair', price: '249.00', currency: 'EUR', taxRate: '20', unit: 'pcs', category: 'Furniture' },
  { sku: 'DESK-150', name: 'Standing desk 150 cm', price: '589.90', currency: 'EUR', taxRate: '20', unit: 'pcs', category: 'Furniture' },
  { sku: 'LAMP-LED', name: 'LED desk lamp', price: '39.95', currency: 'EUR', taxRate: '20', unit: 'pcs', category: 'Lighting' },
  { sku: 'PAPER-A4', name: 'A4 paper, 500 sheets', price: '4.49', currency: 'EUR', taxRate: '7', unit: 'pack', category: 'Supplies' },
  { sku: 'COFFEE-1KG', name: 'Coffee beans', price: '18.50', currency: 'EUR', taxRate: '7', unit: 'kg', category: 'Supplies' },
  { sku: 'INSTALL-H', name: 'Installation service', price: '65.00', currency: 'EUR', taxRate: '20', unit: 'h', category: 'Services' },
  { sku: 'MONITOR-27', name: '27" monitor', price: '319.00', currency: 'EUR', taxRate: '20', unit: 'pcs', category: 'Electronics' },
  { sku: 'HEADSET-BT', name: 'Bluetooth headset', price: '89.00', currency: 'EUR', taxRate: '20', unit: 'pcs', category: 'Electronics' },
];

/**
 * Two warehouses with opening counts for every stocked product (the installation service is not stocked). Orders
 * reserve from MAIN, the default. The placed order of 10 LED lamps takes MAIN's lamps to the reorder point: the demo
 * starts with one low-stock alert (`stockLevels(filter: { low: true })`), and the monitors are close to theirs.
 */
const OPENING_COUNTS: [sku: string, main: number, east: number][] = [
  ['CHAIR-OAK', 40, 12],
  ['DESK-150', 15, 5],
  ['LAMP-LED', 30, 20],
  ['PAPER-A4', 400, 100],
  ['COFFEE-1KG', 60, 0],
  ['MONITOR-27', 12, 6],
  ['HEADSET-BT', 25, 10],
];

const INVENTORY: SeedInventory = {
  warehouses: [
    { code: 'MAIN', name: 'Main warehouse', city: 'Berlin', country: 'DE' },
    { code: 'EAST', name: 'East depot', city: 'Warsaw', country: 'PL' },
  ],
  stock: OPENING_COUNTS.flatMap(([sku, main, east]) => [
    { sku, warehouse: 'MAIN', quantity: main },
    ...(east > 0 ? [{ sku, warehouse: 'EAST', quantity: east }] : []),
  ]),
  reorderPoints: [
    { sku: 'LAMP-LED', warehouse: 'MAIN', reorderPoint: 20, reorderQuantity: 50 },
    { sku: 'MONITOR-27', warehouse: 'MAIN', reorderPoint: 8, reorderQuantity: 10 },
    { sku: 'PAPER-A4', warehouse: 'MAIN', reorderPoint: 100, reorderQuantity: 500 },
    { sku: 'CHAIR-OAK', warehouse: 'MAIN', reorderPoint: 10, reorderQuantity: 20 },
  ],
  services: ['INSTALL-H'],
};

type CustomerRow = Omit<SeedCustomer, 'billingAddress'> & { country: string; city: string };

const CUSTOMER_ROWS: CustomerRow[] = [
  { ref: 'acme', name: 'Acme Corporation', email: 'billing@acme.example', country: 'US', city: 'Springfield', tags: ['key-account', 'manufacturing'], currency: 'USD' },
  { ref: 'globex', name: 'Globex GmbH', email: 'einkauf@globex.example', country: 'DE', city: 'Berlin', tags: ['key-account'] },
  { ref: 'initech', name: 'Initech SARL', email: 'compta@initech.example', country: 'FR', city: 'Lyon', tags: ['software'] },
  { ref: 'umbrella', name: 'Umbrella Logistics BV', email: 'ap@umbrella.example', country: 'NL', city: 'Rotterdam', tags: ['logistics'] },
  { ref: 'stark', name: 'Stark Components Srl', email: 'acquisti@stark.example', country: 'IT', city: 'Milano', tags: ['manufacturing'] },
  { ref: 'wayne', name: 'Wayne Retail Ltd', email: 'accounts@wayne.example', country: 'GB', city: 'London', tags: ['retail'], currency: 'GBP' },
  { ref: 'hooli', name: 'Hooli España SL', email: 'compras@hooli.example', country: 'ES', city: 'Madrid', tags: ['software', 'retail'] },
  { ref: 'soylent', name: 'Soylent Foods AB', email: 'inkop@soylent.example', country: 'SE', city: 'Göteborg', tags: ['food'] },
  { ref: 'vandelay', name: 'Vandelay Industries', email: 'art@vandelay.example', country: 'US', city: 'New York', tags: ['import-export'], currency: 'USD' },
  { ref: 'nakatomi', name: 'Nakatomi Trading KK', email: 'orders@nakatomi.example', country: 'JP', city: 'Tokyo', tags: ['import-export'], currency: 'JPY' },
  { ref: 'lovelace', name: 'Ada Lovelace', kind: 'INDIVIDUAL', email: 'ada@lovelace.example', country: 'GB', city: 'London', tags: ['consulting'], currency: 'GBP' },
  { ref: 'eiffel', name: 'Gustave Eiffel', kind: 'INDIVIDUAL', email: 'gustave@eiffel.example', country: 'FR', city: 'Paris', tags: [] },
];

/** The first six customers are followed closely: a primary contact, a call and an email each. */
const CUSTOMERS: SeedCustomer[] = CUSTOMER_ROWS.map(({ country, city, ...customer }, index) => ({
  ...customer,
  billingAddress: { line1: `${10 + index} Demo Street`, postalCode: `${10000 + index * 7}`, city, country },
  ...(index < 6 ? followedClosely(customer) : {}),
}));

function followedClosely(customer: Pick<SeedCustomer, 'name' | 'email'>): Pick<SeedCustomer, 'contact' | 'activities'> {
  return {
    contact: { firstName: 'Pat', lastName: customer.name.split(' ')[0]!, email: `pat@${customer.email.split('@')[1]}`, position: 'Purchasing' },
    activities: [
      { type: 'CALL', subject: `Quarterly check-in with ${customer.name}`, daysAgo: 3 },
      { type: 'EMAIL', subject: 'Sent the updated price list', daysAgo: 1 },
    ],
  };
}

const LEAD_ROWS: Omit<SeedLead, 'note'>[] = [
  { title: 'ERP roll-out for 40 seats', companyName: 'Cyberdyne Systems', stage: 'NEW', value: '48000.00' },
  { title: 'Warehouse scanners', companyName: 'Tyrell Corp', stage: 'NEW', value: '12500.00' },
  { title: 'Annual support renewal', companyName: 'Massive Dynamic', stage: 'QUALIFIED', value: '9000.00' },
  { title: 'Second site', companyName: 'Oscorp', stage: 'QUALIFIED', value: '21000.00' },
  { title: 'Payroll module', companyName: 'Aperture Science', stage: 'PROPOSAL', value: '16000.00' },
  { title: 'Migration from spreadsheets', companyName: 'Black Mesa', stage: 'PROPOSAL', value: '7500.00' },
  { title: 'Group-wide licence', companyName: 'Weyland-Yutani', stage: 'NEGOTIATION', value: '120000.00' },
  { title: 'Point of sale integration', companyName: 'Monarch Solutions', stage: 'NEGOTIATION', value: '33000.00' },
  { title: 'Pilot project', companyName: 'Gringotts', stage: 'LOST', value: '5000.00', lostReason: 'Chose an on-premise competitor' },
];
const LEADS: SeedLead[] = LEAD_ROWS.map((lead) => ({ ...lead, note: `First contact about “${lead.title}”` }));

/** Orders in every status; the confirmed ones' invoices drafted, issued, partly paid and paid. */
const ORDERS: SeedOrder[] = [
  { customer: 'globex', status: 'DELIVERED', invoice: 'PAID', lines: [{ sku: 'CHAIR-OAK', quantity: 4 }, { sku: 'DESK-150', quantity: 2 }], trackingNumber: 'JD014600000' },
  { customer: 'globex', status: 'SHIPPED', invoice: 'PARTIALLY_PAID', lines: [{ sku: 'MONITOR-27', quantity: 3 }, { sku: 'HEADSET-BT', quantity: 3 }], trackingNumber: 'JD014600001' },
  { customer: 'initech', status: 'CONFIRMED', invoice: 'ISSUED', lines: [{ sku: 'PAPER-A4', quantity: 20 }, { sku: 'COFFEE-1KG', quantity: 5 }] },
  { customer: 'initech', status: 'CONFIRMED', invoice: 'DRAFT', lines: [{ sku: 'INSTALL-H', quantity: 8 }] },
  { customer: 'globex', status: 'PLACED', lines: [{ sku: 'LAMP-LED', quantity: 10 }] },
  { customer: 'initech', status: 'DRAFT', lines: [{ sku: 'CHAIR-OAK', quantity: 1 }, { sku: 'LAMP-LED', quantity: 1 }] },
  { customer: 'globex', status: 'CANCELLED', cancelReason: 'Customer ordered by mistake', lines: [{ sku: 'DESK-150', quantity: 1 }] },
];

export const DEMO_SCENARIO: SeedScenario = {
  categories: [{ name: 'Office' }, ...['Furniture', 'Lighting', 'Supplies', 'Services', 'Electronics'].map((name) => ({ name, parent: 'Office' }))],
  products: PRODUCTS,
  inventory: INVENTORY,
  customers: CUSTOMERS,
  users: DEMO_USERS,
  leads: LEADS,
  orders: ORDERS,
};
