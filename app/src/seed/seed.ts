import { randomUUID } from 'node:crypto';
import { formatMoney, money } from '@erp/platform';
import { generatedScenario, DEFAULT_SEED, type SeedSize } from './generated-scenario.js';
import { GraphClient, inParallel } from './graph-client.js';
import type { SeedCustomer, SeedInventory, SeedLead, SeedOrder, SeedScenario, SeedUser } from './scenario.js';

export interface SeedResult {
  customers: number;
  products: number;
  orders: number;
  /** Issued invoices (a confirmed order's draft is not counted). */
  invoices: number;
  payments: number;
  seconds: number;
}

const DAY_MS = 86_400_000;
const REACHES_CONFIRMED = new Set<SeedOrder['status']>(['CONFIRMED', 'SHIPPED', 'DELIVERED']);

/**
 * Writes a scenario through the graph itself, as an admin, so every row passes the same rules as a user's.
 * Phases run one after the other (categories, products, inventory, customers, users, leads, orders); rows of one phase run
 * `concurrency` at a time. With a concurrency of 1 the numbers the graph hands out (orders, invoices) follow the
 * scenario's order.
 */
export async function seedScenario(graph: GraphClient, scenario: SeedScenario, concurrency = 12): Promise<SeedResult> {
  const started = Date.now();

  const categoryIds = new Map<string, string>();
  for (const category of scenario.categories ?? []) {
    const { createCategory } = await graph.request<{ createCategory: { id: string } }>(
      'mutation($input: CreateCategoryInput!) { createCategory(input: $input) { id } }',
      { input: { name: category.name, parentId: category.parent ? idOf(categoryIds, category.parent, 'category') : undefined } },
    );
    categoryIds.set(category.name, createCategory.id);
  }

  const productIds = new Map<string, string>();
  await inParallel(scenario.products, concurrency, async ({ category, ...product }) => {
    const { createProduct } = await graph.request<{ createProduct: { id: string } }>(
      'mutation($input: CreateProductInput!) { createProduct(input: $input) { id } }',
      { input: { ...product, categoryId: category ? idOf(categoryIds, category, 'category') : undefined } },
    );
    productIds.set(product.sku, createProduct.id);
  });

  // The scenario's orders reserve from its first warehouse, where its opening stock is.
  const warehouseId = scenario.inventory ? await stockUp(graph, scenario.inventory, productIds, concurrency) : undefined;

  const customerIds = new Map<string, string>();
  await inParallel(scenario.customers, concurrency, async (customer) => {
    customerIds.set(customer.ref, await createCustomer(graph, customer));
  });

  await inParallel(scenario.users ?? [], concurrency, (user) => createUser(graph, user, customerIds));
  await inParallel(scenario.leads ?? [], concurrency, (lead) => createLead(graph, lead));

  let invoices = 0;
  let payments = 0;
  await inParallel(scenario.orders, concurrency, async (order, index) => {
    const billed = await driveOrder(graph, order, index, customerIds, productIds, warehouseId);
    if (billed.issued) invoices += 1;
    if (billed.paid) payments += 1;
  });
  return {
    customers: scenario.customers.length,
    products: scenario.products.length,
    orders: scenario.orders.length,
    invoices,
    payments,
    seconds: (Date.now() - started) / 1000,
  };
}

/** `pnpm seed` and the federation benchmark: a generated data set of the given size. */
export function seedThroughGraph(graph: GraphClient, size: SeedSize = DEFAULT_SEED, concurrency = 12): Promise<SeedResult> {
  return seedScenario(graph, generatedScenario(size), concurrency);
}

function idOf(ids: Map<string, string>, key: string, what: string): string {
  const id = ids.get(key);
  if (!id) throw new Error(`seed scenario: no ${what} "${key}" before it is referred to`);
  return id;
}

/** Warehouses, then the opening counts (adjustments with a reason, as a stock take), reorder points and services. */
async function stockUp(graph: GraphClient, inventory: SeedInventory, productIds: Map<string, string>, concurrency: number): Promise<string> {
  // A warehouse of the same code is used as it is (seeding a database a second time); the others are made one at a
  // time, so that on an empty database the first becomes the default.
  const { warehouses: existing } = await graph.request<{ warehouses: { edges: { node: { id: string; code: string } }[] } }>(
    '{ warehouses(first: 100) { edges { node { id code } } } }',
  );
  const warehouseIds = new Map(existing.edges.map(({ node }) => [node.code, node.id]));
  for (const warehouse of inventory.warehouses) {
    if (warehouseIds.has(warehouse.code)) continue;
    const { createWarehouse } = await graph.request<{ createWarehouse: { id: string } }>(
      'mutation($input: CreateWarehouseInput!) { createWarehouse(input: $input) { id } }',
      { input: { code: warehouse.code, name: warehouse.name, address: { line1: '1 Depot Road', city: warehouse.city, country: warehouse.country } } },
    );
    warehouseIds.set(warehouse.code, createWarehouse.id);
  }
  await inParallel(inventory.stock, concurrency, async (line) => {
    await graph.request('mutation($input: AdjustStockInput!) { adjustStock(input: $input) { id } }', {
      input: { productId: idOf(productIds, line.sku, 'product'), warehouseId: idOf(warehouseIds, line.warehouse, 'warehouse'), quantity: line.quantity, reason: 'Opening stock count' },
    });
  });
  await inParallel(inventory.reorderPoints ?? [], concurrency, async (point) => {
    await graph.request('mutation($input: SetReorderPointInput!) { setReorderPoint(input: $input) { id } }', {
      input: {
        productId: idOf(productIds, point.sku, 'product'),
        warehouseId: idOf(warehouseIds, point.warehouse, 'warehouse'),
        reorderPoint: point.reorderPoint,
        reorderQuantity: point.reorderQuantity,
      },
    });
  });
  await inParallel(inventory.services ?? [], concurrency, async (sku) => {
    await graph.request('mutation($id: ID!) { setStockTracking(productId: $id, tracked: false) { tracked } }', { id: idOf(productIds, sku, 'product') });
  });
  return idOf(warehouseIds, inventory.warehouses[0]!.code, 'warehouse');
}

async function createCustomer(graph: GraphClient, { ref: _, contact, activities, ...customer }: SeedCustomer): Promise<string> {
  const { createCustomer: created } = await graph.request<{ createCustomer: { id: string } }>(
    'mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }',
    { input: customer },
  );
  if (contact) {
    await graph.request('mutation($input: CreateContactInput!) { createContact(input: $input) { id } }', {
      input: { ...contact, customerId: created.id, isPrimary: true },
    });
  }
  for (const activity of activities ?? []) {
    await graph.request('mutation($input: LogActivityInput!) { logActivity(input: $input) { id } }', {
      input: { type: activity.type, subject: activity.subject, occurredAt: new Date(Date.now() - activity.daysAgo * DAY_MS).toISOString(), customerId: created.id },
    });
  }
  return created.id;
}

/** Users register like anyone, then an admin grants the roles and links the customer. */
async function createUser(graph: GraphClient, user: SeedUser, customerIds: Map<string, string>): Promise<void> {
  const { register } = await graph.request<{ register: { user: { id: string } } }>(
    'mutation($input: RegisterInput!) { register(input: $input) { user { id } } }',
    { input: { email: user.email, password: user.password, displayName: `Demo ${user.roles[0] ?? 'user'}` } },
  );
  await graph.request('mutation($id: ID!, $input: UpdateUserInput!) { updateUser(id: $id, input: $input) { id } }', {
    id: register.user.id,
    input: {
      roles: user.roles.map((role) => role.toUpperCase()),
      customerId: user.customer ? idOf(customerIds, user.customer, 'customer') : undefined,
    },
  });
}

async function createLead(graph: GraphClient, lead: SeedLead): Promise<void> {
  const { createLead: created } = await graph.request<{ createLead: { id: string } }>(
    'mutation($input: CreateLeadInput!) { createLead(input: $input) { id } }',
    {
      input: {
        title: lead.title,
        companyName: lead.companyName,
        contactName: 'Sam Example',
        email: `sam@${lead.companyName.toLowerCase().replace(/[^a-z]/g, '')}.example`,
        source: 'website',
        value: lead.value,
        currency: 'EUR',
      },
    },
  );
  if (lead.stage !== 'NEW') {
    await graph.request('mutation($id: ID!, $stage: LeadStage!, $reason: String) { moveLeadStage(id: $id, stage: $stage, reason: $reason) { id } }', {
      id: created.id,
      stage: lead.stage,
      reason: lead.lostReason,
    });
  }
  await graph.request('mutation($input: LogActivityInput!) { logActivity(input: $input) { id } }', {
    input: { type: 'NOTE', subject: lead.note, leadId: created.id },
  });
}

/** Takes one order through the lifecycle to its scenario status, and its invoice as far as the scenario says. */
async function driveOrder(
  graph: GraphClient,
  order: SeedOrder,
  index: number,
  customerIds: Map<string, string>,
  productIds: Map<string, string>,
  warehouseId: string | undefined,
): Promise<{ issued: boolean; paid: boolean }> {
  const { createOrder } = await graph.request<{ createOrder: { id: string } }>(
    'mutation($input: CreateOrderInput!) { createOrder(input: $input) { id } }',
    {
      input: {
        customerId: idOf(customerIds, order.customer, 'customer'),
        warehouseId,
        lines: order.lines.map((line) => ({ productId: idOf(productIds, line.sku, 'product'), quantity: line.quantity })),
      },
    },
  );
  const id = createOrder.id;
  const unbilled = { issued: false, paid: false };
  if (order.status === 'DRAFT') return unbilled;
  await graph.request('mutation($id: ID!, $key: String!) { placeOrder(id: $id, idempotencyKey: $key) { id } }', { id, key: randomUUID() });
  if (order.status === 'CANCELLED') {
    await graph.request('mutation($id: ID!, $reason: String!) { cancelOrder(id: $id, reason: $reason) { id } }', { id, reason: order.cancelReason ?? 'Seeded cancellation' });
    return unbilled;
  }
  if (!REACHES_CONFIRMED.has(order.status)) return unbilled;
  await graph.request('mutation($id: ID!) { confirmOrder(id: $id) { id } }', { id });
  // Billing drafts the invoice itself on `order.confirmed`; asking for it returns that same draft.
  const { createInvoiceFromOrder: invoice } = await graph.request<{ createInvoiceFromOrder: { id: string; total: { amount: string; currency: string } } }>(
    'mutation($id: ID!) { createInvoiceFromOrder(orderId: $id) { id total { amount currency } } }',
    { id },
  );
  const issued = order.invoice !== undefined && order.invoice !== 'DRAFT';
  if (issued) await graph.request('mutation($id: ID!) { issueInvoice(id: $id) { id } }', { id: invoice.id });
  if (order.status === 'SHIPPED' || order.status === 'DELIVERED') {
    await graph.request('mutation($id: ID!, $input: ShipOrderInput!) { shipOrder(id: $id, input: $input) { id } }', {
      id,
      input: { carrier: 'DHL', trackingNumber: order.trackingNumber ?? `SEED${String(index).padStart(9, '0')}` },
    });
  }
  if (order.status === 'DELIVERED') await graph.request('mutation($id: ID!) { markOrderDelivered(id: $id) { id } }', { id });
  const amount = order.invoice === 'PAID' ? invoice.total.amount : order.invoice === 'PARTIALLY_PAID' ? half(invoice.total) : null;
  if (amount) {
    await graph.request('mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }', {
      input: { invoiceId: invoice.id, amount, method: 'BANK_TRANSFER', idempotencyKey: randomUUID() },
    });
  }
  return { issued, paid: amount !== null };
}

function half(total: { amount: string; currency: string }): string {
  return formatMoney({ minor: money(total.amount, total.currency).minor / 2n, currency: total.currency });
}
