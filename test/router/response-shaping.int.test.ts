import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUPERGRAPH_PATH } from '@erp/app';
import { startRouter, type RunningRouter } from '@erp/router';
import { customerAndProducts, draftOrder } from '../support/commerce.js';
import { TEST_ROUTER_SECRET } from '../support/constants.js';
import { useTestPlatform } from '../support/platform.js';
import { settled } from '../support/settled.js';
import { textWithoutCost } from '../support/without-cost.js';
import { ConfirmOrderDocument, CreateInvoiceFromOrderDocument, IssueInvoiceDocument, PlaceOrderDocument } from '../generated/graphql.js';

const t = useTestPlatform();
/** A second router over the same subgraphs that lets @apollo/gateway shape every response itself. */
let gatewayShaped: RunningRouter;
let customerId: string;
let warehouse: Record<string, string>;

async function answer(url: string, headers: Record<string, string>, query: string, variables: Record<string, unknown>): Promise<string> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  expect(response.status).toBe(200);
  return textWithoutCost(await response.text());
}

beforeAll(async () => {
  const subgraphUrls = Object.fromEntries(Object.entries(t.platform.subgraphs).map(([name, running]) => [name, running.url]));
  gatewayShaped = await startRouter({
    supergraphSdl: readFileSync(SUPERGRAPH_PATH, 'utf8'),
    subgraphUrls,
    routerSecret: TEST_ROUTER_SECRET,
    port: 0,
    host: '127.0.0.1',
    responseShaping: 'gateway',
  });
  const { customer, products } = await customerAndProducts(t.admin);
  customerId = customer.id;
  await draftOrder(t.admin, customer.id, [{ productId: products[1]!.id, quantity: 3, discount: '1.00' }]);
  const invoiced = await draftOrder(t.admin, customer.id, [
    { productId: products[0]!.id, quantity: 2 },
    { productId: products[1]!.id, quantity: 1 },
  ]);
  await t.admin.data(PlaceOrderDocument, { id: invoiced.id, idempotencyKey: randomUUID() });
  await t.admin.data(ConfirmOrderDocument, { id: invoiced.id });
  const invoice = (await t.admin.data(CreateInvoiceFromOrderDocument, { orderId: invoiced.id })).createInvoiceFromOrder;
  await t.admin.data(IssueInvoiceDocument, { id: invoice.id });
  await settled();
  warehouse = (await t.userWith(['warehouse'])).client.headers;
});

afterAll(async () => {
  await gatewayShaped?.close();
});

/** crm, then sales and billing: a plan of several fetches, which the gateway's plan execution answers and shapes. */
const CUSTOMER_PAGE = `query ShapedCustomer($id: ID!, $withLines: Boolean!, $orders: Int) {
  customer(id: $id) {
    kind: __typename
    id
    label: name
    ...Money
    orders(first: $orders) {
      totalCount
      edges { cursor node { number status total { amount currency } lines @include(if: $withLines) { quantity product { id name } } invoice { number status } } }
      pageInfo { hasNextPage endCursor }
    }
    name
  }
}
fragment Money on Customer {
  balanceDue { amount currency }
  email @skip(if: $withLines)
  orders(first: $orders) { pageInfo { hasNextPage } edges { node { number total { currency } } } }
}`;

const CUSTOMER_LIST = `query ShapedList($first: Int!) {
  customers(first: $first) { edges { node { __typename id name balanceDue { amount } orders(first: 2) { edges { node { number invoice { number } } } } } } }
}`;

describe('the router shapes answers of several fetches from each operation compiled once', () => {
  it('byte for byte as the gateway shapes them: aliases, __typename, fragments, @include/@skip, nulls', async () => {
    const before = t.platform.router.responseShapingStats();
    const requests: [string, Record<string, unknown>][] = [
      [CUSTOMER_PAGE, { id: customerId, withLines: true, orders: 5 }],
      [CUSTOMER_PAGE, { id: customerId, withLines: false, orders: 1 }],
      [CUSTOMER_LIST, { first: 5 }],
    ];
    for (const [query, variables] of requests) {
      const compiled = await answer(t.platform.router.graphqlUrl, t.admin.headers, query, variables);
      expect(compiled).toBe(await answer(gatewayShaped.graphqlUrl, t.admin.headers, query, variables));
      expect(compiled).not.toContain('"errors"');
    }
    // No such customer: crm's NOT_FOUND, and null data, as the gateway answers.
    const unknown = { id: randomUUID(), withLines: true };
    const missing = await answer(t.platform.router.graphqlUrl, t.admin.headers, CUSTOMER_PAGE, unknown);
    expect(missing).toBe(await answer(gatewayShaped.graphqlUrl, t.admin.headers, CUSTOMER_PAGE, unknown));
    expect(JSON.parse(missing).errors[0].extensions.code).toBe('NOT_FOUND');
    const page = JSON.parse(await answer(t.platform.router.graphqlUrl, t.admin.headers, CUSTOMER_PAGE, { id: customerId, withLines: true, orders: 5 }));
    expect(Object.keys(page.data.customer)).toEqual(['kind', 'id', 'label', 'balanceDue', 'orders', 'name']);
    // `orders` selected twice (the fragment asks for more of it): one object with both selections' fields.
    expect(Object.keys(page.data.customer.orders)).toEqual(['pageInfo', 'edges', 'totalCount']);
    expect(page.data.customer.orders.edges.map((edge: { node: { invoice: { status: string } | null } }) => edge.node.invoice?.status ?? null).sort()).toEqual(['ISSUED', null]);
    expect(t.platform.router.responseShapingStats().compiled).toBeGreaterThanOrEqual(before.compiled + requests.length);
  });

  it('with a subgraph’s errors in the answer: the same partial data and errors as the gateway’s', async () => {
    // The warehouse reads customers and orders but not invoices: billing refuses balanceDue, sales the invoices.
    const compiled = await answer(t.platform.router.graphqlUrl, warehouse, CUSTOMER_PAGE, { id: customerId, withLines: true, orders: 5 });
    expect(compiled).toBe(await answer(gatewayShaped.graphqlUrl, warehouse, CUSTOMER_PAGE, { id: customerId, withLines: true, orders: 5 }));
    const body = JSON.parse(compiled);
    expect(body.data.customer.id).toBe(customerId);
    expect(body.errors.map((error: { extensions: { code: string } }) => error.extensions.code)).toContain('FORBIDDEN');
  });
});
