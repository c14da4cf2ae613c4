import { randomUUID } from 'node:crypto';
import type { GraphQLClient } from './client.js';
import { CreateCustomerDocument, CreateOrderDocument, CreateProductDocument } from '../generated/graphql.js';

/** Fixtures for commerce tests: a customer and products, created through the graph like a user would. */
export async function customerAndProducts(client: GraphQLClient, prices: { price: string; taxRate: string }[] = [{ price: '19.99', taxRate: '20' }, { price: '4.49', taxRate: '7' }]) {
  const run = randomUUID().slice(0, 8).toUpperCase();
  const customer = (await client.data(CreateCustomerDocument, { input: { name: `Buyer ${run}`, email: `buyer-${run.toLowerCase()}@test.erp` } })).createCustomer;
  const products = [];
  for (const [index, { price, taxRate }] of prices.entries()) {
    products.push(
      (await client.data(CreateProductDocument, { input: { sku: `P-${run}-${index}`, name: `Product ${run} ${index}`, price, currency: 'EUR', taxRate } })).createProduct,
    );
  }
  return { customer, products, run };
}

export async function draftOrder(client: GraphQLClient, customerId: string, lines: { productId: string; quantity: number; discount?: string }[]) {
  return (await client.data(CreateOrderDocument, { input: { customerId, lines } })).createOrder;
}
