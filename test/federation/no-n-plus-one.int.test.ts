import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { money } from '@erp/platform';
import type { GraphQLClient } from '../support/client.js';
import { countRows } from '../support/database.js';
import { settled } from '../support/settled.js';
import { useTestPlatform } from '../support/platform.js';
import {
  ConfirmOrderDocument,
  CreateCustomerDocument,
  CreateInvoiceFromOrderDocument,
  CreateOrderDocument,
  CreateProductDocument,
  DeepCustomersDocument,
  IssueInvoiceDocument,
  PlaceOrderDocument,
} from '../generated/graphql.js';

const t = useTestPlatform();
const tag = `deep-${randomUUID().slice(0, 8)}`;
let sales: GraphQLClient;

async function inBatches<T>(items: T[], size: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

beforeAll(async () => {
  sales = (await t.userWith(['sales'])).client;
  const products: { id: string }[] = [];
  for (let i = 0; i < 3; i += 1) {
    products.push((await sales.data(CreateProductDocument, { input: { sku: `${tag}-${i}`.toUpperCase(), name: `Deep ${i} ${tag}`, price: `${10 + i}.00`, currency: 'EUR', taxRate: '20' } })).createProduct);
  }
  const customers = Array.from({ length: 50 }, (_, i) => i);
  await inBatches(customers, 10, async (i) => {
    const customer = (await sales.data(CreateCustomerDocument, { input: { name: `Deep ${i} ${tag}`, tags: [tag] } })).createCustomer;
    for (let o = 0; o < 2; o += 1) {
      const lines = [{ productId: products[o]!.id, quantity: 1 }, { productId: products[2]!.id, quantity: 2 }];
      const order = (await sales.data(CreateOrderDocument, { input: { customerId: customer.id, lines } })).createOrder;
      if (o === 0) {
        await sales.data(PlaceOrderDocument, { id: order.id, idempotencyKey: randomUUID() });
        await sales.data(ConfirmOrderDocument, { id: order.id });
        const invoice = (await sales.data(CreateInvoiceFromOrderDocument, { orderId: order.id })).createInvoiceFromOrder;
        await sales.data(IssueInvoiceDocument, { id: invoice.id });
      }
    }
  });
  // Billing and notifications react to the 50 confirmations in the background; let them finish so that only the
  // measured query's statements are counted.
  await settled();
  expect(await countRows('billing.processed_event')).toBe(50);
}, 120_000);

describe('no N+1 across subgraphs', () => {
  it('runs the same number of SQL statements for 10 and for 50 customers with several orders each', async () => {
    const ten = await t.countStatements(() => sales.data(DeepCustomersDocument, { first: 10, filter: { tag } }));
    const fifty = await t.countStatements(() => sales.data(DeepCustomersDocument, { first: 50, filter: { tag } }));
    expect(fifty.result.customers.edges).toHaveLength(50);
    for (const edge of fifty.result.customers.edges) {
      expect(edge.node.orders!.edges).toHaveLength(2);
      const invoiced = edge.node.orders!.edges.filter((o) => o.node.invoice);
      expect(invoiced).toHaveLength(1);
      expect(invoiced[0]!.node.invoice!.number).toMatch(/^INV-/);
      // Each line shows its own product: 100 lines name 3 products, which the router asks catalog for once each.
      const firstLines = edge.node.orders!.edges.map((o) => o.node.lines[0]!.product!.name).sort();
      expect(firstLines).toEqual([`Deep 0 ${tag}`, `Deep 1 ${tag}`]);
      for (const order of edge.node.orders!.edges) expect(order.node.lines[1]!.product!.name).toBe(`Deep 2 ${tag}`);
      expect(money(edge.node.balanceDue!.amount, edge.node.balanceDue!.currency).minor > 0n).toBe(true);
    }
    console.info(`statements: 10 customers → ${ten.statements}, 50 customers → ${fifty.statements}`);
    expect(fifty.statements).toBe(ten.statements);
    expect(ten.statements).toBeLessThanOrEqual(10);
  });
});
