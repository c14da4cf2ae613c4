import { randomUUID } from 'node:crypto';
import { GraphClient, inParallel } from './graph-client.js';

export interface SeedSize {
  customers: number;
  products: number;
  /** Orders per customer, on average. */
  ordersPerCustomer: number;
}

export const DEFAULT_SEED: SeedSize = { customers: 400, products: 60, ordersPerCustomer: 6 };

export interface SeedResult {
  customers: number;
  products: number;
  orders: number;
  invoices: number;
  payments: number;
  seconds: number;
}

/** A small deterministic generator, so two seeds of the same size are the same data. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const COMPANY = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Stark', 'Wayne', 'Hooli', 'Soylent', 'Vandelay', 'Nakatomi', 'Tyrell', 'Cyberdyne'];
const SUFFIX = ['GmbH', 'Ltd', 'SARL', 'BV', 'Srl', 'AB', 'Inc', 'SL', 'Oy', 'AS'];
const COUNTRY = ['DE', 'GB', 'FR', 'NL', 'IT', 'SE', 'US', 'ES', 'FI', 'NO'];
const GOODS = ['Chair', 'Desk', 'Lamp', 'Monitor', 'Keyboard', 'Headset', 'Cable', 'Paper', 'Coffee', 'Shelf', 'Cabinet', 'Webcam'];

/**
 * Loads a realistic data set through the graph itself, so every row passes the same rules as a user's: customers,
 * products, and orders in every status, with invoices issued and paid for most confirmed ones.
 */
export async function seedThroughGraph(graph: GraphClient, size: SeedSize = DEFAULT_SEED, concurrency = 12): Promise<SeedResult> {
  const started = Date.now();
  const next = random(42);
  const run = randomUUID().slice(0, 6).toUpperCase();
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;

  const productIds: string[] = [];
  await inParallel(Array.from({ length: size.products }, (_, i) => i), concurrency, async (i) => {
    const price = (5 + Math.floor(next() * 60_000) / 100).toFixed(2);
    const data = await graph.request<{ createProduct: { id: string } }>(
      'mutation($input: CreateProductInput!) { createProduct(input: $input) { id } }',
      { input: { sku: `SEED-${run}-${i}`, name: `${pick(GOODS)} ${i}`, price, currency: 'EUR', taxRate: next() < 0.8 ? '20' : '7' } },
    );
    productIds.push(data.createProduct.id);
  });

  const customerIds: string[] = [];
  await inParallel(Array.from({ length: size.customers }, (_, i) => i), concurrency, async (i) => {
    const name = `${pick(COMPANY)} ${pick(SUFFIX)} ${i}`;
    const data = await graph.request<{ createCustomer: { id: string } }>(
      'mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }',
      {
        input: {
          name,
          email: `ap${i}@customer-${run.toLowerCase()}.example`,
          tags: next() < 0.2 ? ['key-account'] : [],
          billingAddress: { line1: `${i} Seed Street`, city: 'Seedville', country: pick(COUNTRY) },
        },
      },
    );
    customerIds.push(data.createCustomer.id);
  });

  const orders = customerIds.flatMap((customerId) => Array.from({ length: Math.max(1, Math.round(size.ordersPerCustomer * (0.5 + next()))) }, () => customerId));
  let invoices = 0;
  let payments = 0;
  await inParallel(orders, concurrency, async (customerId) => {
    const lines = Array.from({ length: 1 + Math.floor(next() * 4) }, () => ({ productId: pick(productIds), quantity: 1 + Math.floor(next() * 9) }));
    const { createOrder } = await graph.request<{ createOrder: { id: string; total: { amount: string } } }>(
      'mutation($input: CreateOrderInput!) { createOrder(input: $input) { id total { amount } } }',
      { input: { customerId, lines } },
    );
    const fate = next();
    if (fate < 0.1) return;
    await graph.request('mutation($id: ID!, $key: String!) { placeOrder(id: $id, idempotencyKey: $key) { id } }', { id: createOrder.id, key: randomUUID() });
    if (fate < 0.2) {
      await graph.request('mutation($id: ID!) { cancelOrder(id: $id, reason: "Seeded cancellation") { id } }', { id: createOrder.id });
      return;
    }
    if (fate < 0.3) return;
    await graph.request('mutation($id: ID!) { confirmOrder(id: $id) { id } }', { id: createOrder.id });
    const { createInvoiceFromOrder } = await graph.request<{ createInvoiceFromOrder: { id: string } }>(
      'mutation($id: ID!) { createInvoiceFromOrder(orderId: $id) { id } }',
      { id: createOrder.id },
    );
    await graph.request('mutation($id: ID!) { issueInvoice(id: $id) { id } }', { id: createInvoiceFromOrder.id });
    invoices += 1;
    if (fate < 0.6) {
      await graph.request('mutation($id: ID!, $input: ShipOrderInput!) { shipOrder(id: $id, input: $input) { id } }', {
        id: createOrder.id,
        input: { carrier: 'DHL', trackingNumber: `SEED${Math.floor(next() * 1e9)}` },
      });
    }
    if (fate < 0.85) {
      await graph.request('mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }', {
        input: { invoiceId: createInvoiceFromOrder.id, amount: createOrder.total.amount, method: 'BANK_TRANSFER', idempotencyKey: randomUUID() },
      });
      payments += 1;
    }
  });
  return { customers: customerIds.length, products: productIds.length, orders: orders.length, invoices, payments, seconds: (Date.now() - started) / 1000 };
}
