import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { signContext } from '@erp/platform';
import { TEST_ROUTER_SECRET } from '../support/constants.js';
import type { GraphQLClient } from '../support/client.js';
import { useTestPlatform } from '../support/platform.js';
import {
  CreateContactDocument,
  CreateCustomerDocument,
  CustomerCountDocument,
  CustomerNamesDocument,
  CustomersWithDetailsDocument,
  LogActivityDocument,
} from '../generated/graphql.js';

const t = useTestPlatform();
let sales: GraphQLClient;
const tag = `batch-${randomUUID().slice(0, 8)}`;
const ids: string[] = [];

beforeAll(async () => {
  sales = (await t.userWith(['sales'])).client;
  for (let i = 0; i < 12; i += 1) {
    const customer = (await sales.data(CreateCustomerDocument, { input: { name: `Batch ${i} ${tag}`, tags: [tag] } })).createCustomer;
    ids.push(customer.id);
    await sales.data(CreateContactDocument, { input: { customerId: customer.id, firstName: 'A', lastName: `N${i}`, isPrimary: true } });
    await sales.data(CreateContactDocument, { input: { customerId: customer.id, firstName: 'B', lastName: `M${i}` } });
    for (let a = 0; a < 3; a += 1) await sales.data(LogActivityDocument, { input: { customerId: customer.id, type: 'CALL', subject: `call ${a}` } });
  }
});

describe('no N+1 in crm', () => {
  it('resolves contacts and recent activities of a page with the same number of statements for 2 or 12 customers', async () => {
    const small = await t.countStatements(() => sales.data(CustomersWithDetailsDocument, { first: 2, filter: { tag } }));
    const large = await t.countStatements(() => sales.data(CustomersWithDetailsDocument, { first: 12, filter: { tag } }));
    expect(large.result.customers.edges).toHaveLength(12);
    for (const edge of large.result.customers.edges) {
      expect(edge.node.contacts).toHaveLength(2);
      expect(edge.node.contacts[0]!.isPrimary).toBe(true);
      expect(edge.node.activities).toHaveLength(2);
    }
    expect(large.statements).toBe(small.statements);
  });

  it('counts a list only when the client selects totalCount', async () => {
    const names = await t.countStatements(() => sales.data(CustomerNamesDocument, { first: 5, filter: { tag } }));
    expect(names.result.customers.edges).toHaveLength(5);
    expect(names.statements).toBe(1);
    const counted = await t.countStatements(() => sales.data(CustomerCountDocument, { filter: { tag } }));
    expect(counted.result.customers.totalCount).toBe(12);
    expect(counted.statements).toBe(2);
  });

  it('resolves many Customer references in one statement', async () => {
    const requestId = `entities-${randomUUID()}`;
    const caller = { kind: 'user' as const, userId: randomUUID(), roles: ['sales' as const] };
    const body = {
      query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id name } } }',
      variables: { r: ids.map((id) => ({ __typename: 'Customer', id })) },
    };
    const { result, statements } = await t.countStatements(async () => {
      const response = await fetch(`${t.platform.subgraphs.crm!.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': requestId, 'x-erp-context': signContext({ caller, requestId }, TEST_ROUTER_SECRET) },
        body: JSON.stringify(body),
      });
      return (await response.json()) as { data: { _entities: { id: string }[] } };
    });
    expect(result.data._entities.map((e) => e.id)).toEqual(ids);
    expect(statements).toBe(1);
  });
});
