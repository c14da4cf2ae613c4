import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GraphQLClient } from '../support/client.js';
import { useTestPlatform } from '../support/platform.js';
import { textWithoutCost } from '../support/without-cost.js';
import { CreateCustomerDocument } from '../generated/graphql.js';

const t = useTestPlatform();
let sales: GraphQLClient;
let companyId: string;
let personId: string;

/** One response of the router, as the client gets it. */
interface Raw {
  status: number;
  contentType: string | null;
  cacheControl: string | null;
  text: string;
}

type Via = 'served' | 'handedBack' | 'gateway';

async function send(query: string, variables: Record<string, unknown> | undefined, options: { get?: boolean; headers?: Record<string, string> } = {}): Promise<Raw> {
  const url = t.platform.router.graphqlUrl;
  const headers = { ...sales.headers, ...options.headers };
  const response = options.get
    ? await fetch(`${url}?query=${encodeURIComponent(query)}${variables ? `&variables=${encodeURIComponent(JSON.stringify(variables))}` : ''}`, { headers })
    : await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  const text = await response.text();
  // Every answer ends with what it cost; what is compared here is the rest.
  return { status: response.status, contentType: response.headers.get('content-type'), cacheControl: response.headers.get('cache-control'), text: textWithoutCost(text) };
}

const warmed = new Set<string>();

/**
 * The same request twice: once as a document the router has never seen (the gateway plans, fetches and shapes it),
 * once as a document it has planned before (the single-fetch path may answer). Says which path the second took.
 */
async function bothPaths(query: string, variables?: Record<string, unknown>, options: { get?: boolean; headers?: Record<string, string> } = {}) {
  const key = `${options.get ? 'GET' : 'POST'}\n${query}`;
  if (!warmed.has(key)) {
    warmed.add(key);
    await send(query, variables, options);
  }
  const gateway = await send(`${query}\n# ${randomUUID()}`, variables, options);
  const before = t.platform.router.singleFetchStats();
  const second = await send(query, variables, options);
  const after = t.platform.router.singleFetchStats();
  const via: Via = after.served > before.served ? 'served' : after.handedBack > before.handedBack ? 'handedBack' : 'gateway';
  return { gateway, second, via };
}

beforeAll(async () => {
  sales = (await t.userWith(['sales'])).client;
  companyId = (
    await sales.data(CreateCustomerDocument, {
      input: {
        name: 'Single Fetch “Ünïcode” GmbH',
        kind: 'COMPANY',
        email: 'billing@single-fetch.test',
        tags: ['single-fetch', 'key-account'],
        billingAddress: { line1: 'Hauptstr. 1\nHinterhaus', city: 'Berlin', country: 'DE' },
      },
    })
  ).createCustomer.id;
  personId = (await sales.data(CreateCustomerDocument, { input: { name: 'Single Fetch Person', kind: 'INDIVIDUAL', tags: ['single-fetch'] } })).createCustomer.id;
});

const LIST = `query SingleFetchList($first: Int!, $filter: CustomerFilter) {
  customers(first: $first, filter: $filter) { totalCount edges { cursor node { id name email kind tags archived } } pageInfo { hasNextPage endCursor } }
}`;

describe('the single-fetch path answers byte for byte what the gateway answers', () => {
  it('for a one-subgraph list query with variables, enums and nulls', async () => {
    for (const variables of [{ first: 10, filter: { tag: 'single-fetch' } }, { first: 1, filter: { search: 'person' } }, { first: 5, filter: { tag: 'nobody-has-this' } }]) {
      const { gateway, second, via } = await bothPaths(LIST, variables);
      expect(via).toBe('served');
      expect(second).toEqual(gateway);
      expect(gateway.status).toBe(200);
    }
  });

  it('with aliases, named and inline fragments, and fields selected twice', async () => {
    const query = `query SingleFetchShapes($id: ID!) {
      one: customer(id: $id) { ...Names ... on Customer { kind tags } id mail: email address: billingAddress { city line1 } }
      again: customer(id: $id) { id }
    }
    fragment Names on Customer { id name label: name }`;
    for (const id of [companyId, personId]) {
      const { gateway, second, via } = await bothPaths(query, { id });
      expect(via).toBe('served');
      expect(second).toEqual(gateway);
      const { one } = JSON.parse(gateway.text).data;
      expect(Object.keys(one)).toEqual(['id', 'name', 'label', 'kind', 'tags', 'mail', 'address']);
    }
  });

  it('hands back an answer the gateway would reorder: the plan asks for __typename first, the client last', async () => {
    const query = 'query SingleFetchTypename($id: ID!) { customer(id: $id) { id name __typename } }';
    const { gateway, second, via } = await bothPaths(query, { id: companyId });
    expect(via).toBe('handedBack');
    expect(second).toEqual(gateway);
    expect(gateway.text).toBe(`{"data":{"customer":{"id":"${companyId}","name":"Single Fetch “Ünïcode” GmbH","__typename":"Customer"}}}\n`);
    const first = await bothPaths('query SingleFetchTypenameFirst($id: ID!) { customer(id: $id) { __typename id t: __typename } }', { id: companyId });
    expect(first.via).toBe('served');
    expect(first.second).toEqual(first.gateway);
  });

  it('with @include and @skip on fields and fragments, from variables, defaults and literals', async () => {
    const query = `query SingleFetchConditions($id: ID!, $withEmail: Boolean!, $skipTags: Boolean = false) {
      customer(id: $id) {
        id
        email @include(if: $withEmail)
        tags @skip(if: $skipTags)
        name @skip(if: true)
        ... on Customer @include(if: $withEmail) { phone }
        ...Kind @skip(if: $skipTags)
      }
    }
    fragment Kind on Customer { kind }`;
    for (const variables of [
      { id: companyId, withEmail: true },
      { id: companyId, withEmail: false, skipTags: true },
      { id: personId, withEmail: true, skipTags: false },
    ]) {
      const { gateway, second, via } = await bothPaths(query, variables);
      expect(via).toBe('served');
      expect(second).toEqual(gateway);
    }
  });

  it('over GET and with application/graphql-response+json', async () => {
    const get = await bothPaths(LIST, { first: 3, filter: { tag: 'single-fetch' } }, { get: true });
    expect(get.via).toBe('served');
    expect(get.second).toEqual(get.gateway);
    const accept = await bothPaths(LIST, { first: 3 }, { headers: { accept: 'application/graphql-response+json' } });
    expect(accept.via).toBe('served');
    expect(accept.second).toEqual(accept.gateway);
    expect(accept.second.contentType).toMatch(/^application\/graphql-response\+json/);
  });

  it('hands errors back to the gateway, which answers them as always, without fetching twice', async () => {
    const query = 'query SingleFetchMissing($id: ID!) { customer(id: $id) { id name } }';
    const id = randomUUID();
    await send(query, { id });
    const viaGateway = await t.countStatements(() => send(`${query}\n# ${randomUUID()}`, { id }));
    const before = t.platform.router.singleFetchStats();
    const handedBack = await t.countStatements(() => send(query, { id }));
    expect(t.platform.router.singleFetchStats().handedBack).toBe(before.handedBack + 1);
    expect(handedBack.result).toEqual(viaGateway.result);
    expect(JSON.parse(handedBack.result.text).errors[0].extensions.code).toBe('NOT_FOUND');
    expect(handedBack.statements).toBe(viaGateway.statements);
  });

  it('stops trying an operation whose replies always need shaping', async () => {
    const query = 'query SingleFetchGiveUp($id: ID!) { customer(id: $id) { id __typename } }';
    await send(query, { id: companyId });
    const before = t.platform.router.singleFetchStats();
    for (let i = 0; i < 40; i += 1) await send(query, { id: companyId });
    const after = t.platform.router.singleFetchStats();
    expect(after.served).toBe(before.served);
    expect(after.handedBack - before.handedBack).toBe(32);
  });

  it('leaves variables the gateway refuses to the gateway', async () => {
    const { gateway, second, via } = await bothPaths(LIST, { first: 'ten' });
    expect(via).toBe('gateway');
    expect(second).toEqual(gateway);
    expect(gateway.status).toBe(400);
  });

  it('does not try queries the gateway plans over several subgraphs', async () => {
    const query = `query SingleFetchAcross($id: ID!) { customer(id: $id) { id name balanceDue { amount currency } } }`;
    const { gateway, second, via } = await bothPaths(query, { id: companyId });
    expect(via).toBe('gateway');
    expect(second).toEqual(gateway);
    expect(JSON.parse(gateway.text).data.customer.balanceDue.currency).toBeTypeOf('string');
  });

  it('answers each caller with its own data', async () => {
    const portal = (await t.userWith(['customer'], { customerId: personId })).client;
    const query = 'query SingleFetchOwn { customers(first: 50) { edges { node { id } } } }';
    const asPortal = await bothPaths(query, undefined, { headers: portal.headers });
    expect(asPortal.via).toBe('served');
    expect(asPortal.second).toEqual(asPortal.gateway);
    expect(JSON.parse(asPortal.second.text).data.customers.edges).toEqual([{ node: { id: personId } }]);
    const asSales = await bothPaths(query);
    expect(asSales.via).toBe('served');
    expect(JSON.parse(asSales.second.text).data.customers.edges.length).toBeGreaterThan(1);
  });

  it('runs a mutation it answers exactly once', async () => {
    const mutation = 'mutation SingleFetchCreate($input: CreateCustomerInput!) { createCustomer(input: $input) { name kind tags } }';
    await send(mutation, { input: { name: `Warm-up ${randomUUID()}` } });
    const name = `Once ${randomUUID()}`;
    const before = t.platform.router.singleFetchStats();
    const created = await send(mutation, { input: { name, tags: ['once'] } });
    expect(t.platform.router.singleFetchStats().served).toBe(before.served + 1);
    expect(JSON.parse(created.text)).toEqual({ data: { createCustomer: { name, kind: 'COMPANY', tags: ['once'] } } });
    const found = await send(LIST, { first: 10, filter: { search: name } });
    expect(JSON.parse(found.text).data.customers.totalCount).toBe(1);
  });
});
