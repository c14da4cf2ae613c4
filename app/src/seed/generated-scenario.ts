import { randomUUID } from 'node:crypto';
import type { SeedInventory, SeedInvoiceState, SeedOrder, SeedOrderStatus, SeedScenario } from './scenario.js';

export interface SeedSize {
  customers: number;
  products: number;
  /** Orders per customer, on average. */
  ordersPerCustomer: number;
}

export const DEFAULT_SEED: SeedSize = { customers: 400, products: 60, ordersPerCustomer: 6 };

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

/** Where an order ends up: a tenth each stay drafts, are cancelled or stay placed; most confirmed ones are paid. */
function fateOf(roll: number): { status: SeedOrderStatus; invoice?: SeedInvoiceState } {
  if (roll < 0.1) return { status: 'DRAFT' };
  if (roll < 0.2) return { status: 'CANCELLED' };
  if (roll < 0.3) return { status: 'PLACED' };
  if (roll < 0.6) return { status: 'SHIPPED', invoice: 'PAID' };
  if (roll < 0.85) return { status: 'CONFIRMED', invoice: 'PAID' };
  return { status: 'CONFIRMED', invoice: 'ISSUED' };
}

/**
 * A realistic data set of the given size: customers, products, and orders in every status, with invoices issued and
 * paid for most confirmed ones. SKUs and emails carry a run id, so seeding one database twice adds a second set.
 */
export function generatedScenario(size: SeedSize): SeedScenario {
  const next = random(42);
  const run = randomUUID().slice(0, 6).toUpperCase();
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;

  const products = Array.from({ length: size.products }, (_, i) => ({
    sku: `SEED-${run}-${i}`,
    name: `${pick(GOODS)} ${i}`,
    price: (5 + Math.floor(next() * 60_000) / 100).toFixed(2),
    currency: 'EUR',
    taxRate: next() < 0.8 ? '20' : '7',
  }));
  const customers = Array.from({ length: size.customers }, (_, i) => ({
    ref: `c${i}`,
    name: `${pick(COMPANY)} ${pick(SUFFIX)} ${i}`,
    email: `ap${i}@customer-${run.toLowerCase()}.example`,
    tags: next() < 0.2 ? ['key-account'] : [],
    billingAddress: { line1: `${i} Seed Street`, city: 'Seedville', country: pick(COUNTRY) },
  }));
  const orders: SeedOrder[] = customers.flatMap((customer) =>
    Array.from({ length: Math.max(1, Math.round(size.ordersPerCustomer * (0.5 + next()))) }, () => ({
      customer: customer.ref,
      lines: Array.from({ length: 1 + Math.floor(next() * 4) }, () => ({ sku: pick(products).sku, quantity: 1 + Math.floor(next() * 9) })),
      ...fateOf(next()),
    })),
  );
  return { products, inventory: openingStock(products, orders), customers, orders };
}

/**
 * Two warehouses; every product stocked in the default one with what its orders will reserve and a fifth more (so no
 * seeded order is refused for stock), a tenth of that in the second, and a reorder point at a quarter of the opening
 * count: the orders take some products under it, as a live business would.
 */
function openingStock(products: readonly { sku: string }[], orders: readonly SeedOrder[]): SeedInventory {
  const demand = new Map<string, number>();
  for (const order of orders) {
    if (order.status === 'DRAFT') continue;
    for (const line of order.lines) demand.set(line.sku, (demand.get(line.sku) ?? 0) + line.quantity);
  }
  const opening = (sku: string) => Math.ceil((demand.get(sku) ?? 0) * 1.2) + 10;
  return {
    warehouses: [
      { code: 'MAIN', name: 'Main warehouse', city: 'Seedville', country: 'DE' },
      { code: 'NORTH', name: 'North depot', city: 'Seedburg', country: 'SE' },
    ],
    stock: products.flatMap(({ sku }) => [
      { sku, warehouse: 'MAIN', quantity: opening(sku) },
      { sku, warehouse: 'NORTH', quantity: Math.ceil(opening(sku) / 10) },
    ]),
    reorderPoints: products.map(({ sku }) => ({ sku, warehouse: 'MAIN', reorderPoint: Math.floor(opening(sku) / 4), reorderQuantity: Math.ceil(opening(sku) / 2) })),
  };
}
