import { beforeAll, describe, expect, it } from 'vitest';
import type { GraphQLClient } from '../support/client.js';
import { useTestPlatform } from '../support/platform.js';
import { CreateCustomerDocument, CustomersDocument } from '../generated/graphql.js';

const t = useTestPlatform();
let sales: GraphQLClient;
let portal: GraphQLClient;
let ownId: string;

beforeAll(async () => {
  sales = (await t.userWith(['sales'])).client;
  ownId = (await sales.data(CreateCustomerDocument, { input: { name: 'Dedupe Own' } })).createCustomer.id;
  await sales.data(CreateCustomerDocument, { input: { name: 'Dedupe Other' } });
  portal = (await t.userWith(['customer'], { customerId: ownId })).client;
});

describe('merging identical subgraph requests in flight', () => {
  it('never shares one caller’s answer with another caller', async () => {
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? portal : sales).data(CustomersDocument, { first: 100 }).then((data) => ({ portal: i % 2 === 0, data }))),
    );
    for (const { portal: isPortal, data } of results) {
      if (isPortal) expect(data.customers.edges.map((e) => e.node.id)).toEqual([ownId]);
      else expect(data.customers.totalCount).toBeGreaterThan(1);
    }
  });

  it('gives every merged request a complete answer of its own', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => sales.data(CustomersDocument, { first: 5 })));
    const first = JSON.stringify(results[0]);
    for (const result of results) expect(JSON.stringify(result)).toBe(first);
  });
});
