import { readFileSync } from 'node:fs';
import { createHash, randomUUID } from 'node:crypto';
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUPERGRAPH_PATH } from '@erp/app';
import { loadOperationManifest, NOT_IN_SAFELIST, RedisPersistedQueryStore, startRouter, type PersistedOperationsOptions, type RunningRouter } from '@erp/router';
import * as operations from '../generated/graphql.js';
import { CustomerCountDocument, InvoiceStatusFeedDocument, LoginDocument } from '../generated/graphql.js';
import { eventually } from '../support/eventually.js';
import { TEST_ADMIN, TEST_REDIS_URL, TEST_ROUTER_SECRET } from '../support/constants.js';
import { useTestPlatform } from '../support/platform.js';
import { subscribe, wsClient } from '../support/subscriptions.js';
import { withoutCost } from '../support/without-cost.js';

const t = useTestPlatform();
const MANIFEST_PATH = new URL('../generated/persisted-operations.json', import.meta.url).pathname;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const persisted = (hash: string) => ({ persistedQuery: { version: 1, sha256Hash: hash } });

interface Answer {
  status: number;
  body: { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: response.status, body: withoutCost((await response.json()) as Answer['body']) };
}

async function get(url: string, params: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Answer> {
  const search = new URLSearchParams(Object.entries(params).map(([key, value]): [string, string] => [key, typeof value === 'string' ? value : JSON.stringify(value)]));
  const response = await fetch(`${url}?${search}`, { headers: { 'apollo-require-preflight': 'true', ...headers } });
  return { status: response.status, body: withoutCost((await response.json()) as Answer['body']) };
}

const codeOf = (answer: Answer) => answer.body.errors?.[0]?.extensions?.code;
const routers: RunningRouter[] = [];
const stores: RedisPersistedQueryStore[] = [];
afterAll(async () => {
  for (const router of routers) await router.close();
  for (const store of stores) await store.close();
});

async function routerWith(persistedOperations: PersistedOperationsOptions): Promise<RunningRouter> {
  const router = await startRouter({
    supergraphSdl: readFileSync(SUPERGRAPH_PATH, 'utf8'),
    subgraphUrls: Object.fromEntries(Object.entries(t.platform.subgraphs).map(([name, running]) => [name, running.url])),
    routerSecret: TEST_ROUTER_SECRET,
    port: 0,
    host: '127.0.0.1',
    persistedOperations,
  });
  routers.push(router);
  return router;
}

let token: string;
beforeAll(async () => {
  token = (await t.anonymous.data(LoginDocument, TEST_ADMIN)).login.accessToken;
});
const auth = () => ({ authorization: `Bearer ${token}` });

describe('the persisted operations manifest (pnpm operations:manifest)', () => {
  it('holds every typed operation of codegen.yml under the SHA-256 of the text its client sends', () => {
    const manifest = loadOperationManifest(MANIFEST_PATH);
    const documents = Object.entries(operations).filter(([name, value]) => name.endsWith('Document') && typeof value === 'object');
    expect(documents.length).toBeGreaterThan(50);
    for (const [name, document] of documents) {
      const text = print(document as Parameters<typeof print>[0]);
      expect(manifest.get(sha256(text)), name).toBe(text);
    }
  });
});

describe('automatic persisted queries', () => {
  const query = `query ApqCount { customers(first: 1) { totalCount } } # ${randomUUID()}`;
  const hash = sha256(query);

  it('answers PERSISTED_QUERY_NOT_FOUND for an unknown hash, registers the query sent with it, then runs it by hash over POST and GET', async () => {
    const url = t.platform.router.graphqlUrl;
    const unknown = await post(url, { extensions: persisted(hash) }, auth());
    expect(codeOf(unknown)).toBe('PERSISTED_QUERY_NOT_FOUND');
    const registered = await post(url, { query, extensions: persisted(hash) }, auth());
    expect(registered.body.errors).toBeUndefined();
    const count = registered.body.data.customers.totalCount;
    expect(typeof count).toBe('number');
    expect((await post(url, { extensions: persisted(hash) }, auth())).body).toEqual({ data: { customers: { totalCount: count } } });
    expect((await get(url, { extensions: persisted(hash) }, auth())).body).toEqual({ data: { customers: { totalCount: count } } });
  });

  it('refuses a query whose hash is not its own, and keeps nothing under that hash', async () => {
    const other = sha256(`other ${randomUUID()}`);
    const mismatch = await post(t.platform.router.graphqlUrl, { query: '{ __typename }', extensions: persisted(other) });
    expect(mismatch.status).toBe(400);
    expect(codeOf(mismatch)).toBe('BAD_REQUEST');
    expect(mismatch.body.errors?.[0]?.message).toMatch(/not the SHA-256 of the query/);
    expect(codeOf(await post(t.platform.router.graphqlUrl, { extensions: persisted(other) }))).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('runs the manifest operations by hash without registering them first', async () => {
    const router = await routerWith({ manifest: loadOperationManifest(MANIFEST_PATH) });
    const text = print(LoginDocument);
    const answer = await post(router.graphqlUrl, { extensions: persisted(sha256(text)), variables: TEST_ADMIN });
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data.login.accessToken).toEqual(expect.any(String));
  });

  it('on Redis, a query registered through one router instance runs by hash through another', async () => {
    const prefix = `erp-test-${randomUUID().slice(0, 8)}`;
    const [storeA, storeB] = [new RedisPersistedQueryStore(TEST_REDIS_URL, prefix), new RedisPersistedQueryStore(TEST_REDIS_URL, prefix)];
    stores.push(storeA, storeB);
    const a = await routerWith({ store: storeA });
    const b = await routerWith({ store: storeB });
    const shared = `query SharedApq { __typename } # ${randomUUID()}`;
    expect(codeOf(await post(b.graphqlUrl, { extensions: persisted(sha256(shared)) }))).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await post(a.graphqlUrl, { query: shared, extensions: persisted(sha256(shared)) })).body).toEqual({ data: { __typename: 'Query' } });
    // Apollo stores a registration once it has answered it.
    const throughB = await eventually(() => post(b.graphqlUrl, { extensions: persisted(sha256(shared)) }), (answer) => !answer.body.errors, 5_000);
    expect(throughB.body).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('the safelist mode', () => {
  let router: RunningRouter;
  beforeAll(async () => {
    router = await routerWith({ mode: 'safelist', manifest: loadOperationManifest(MANIFEST_PATH) });
  });

  it('runs a registered operation by hash (POST and GET) or by its text', async () => {
    const text = print(CustomerCountDocument);
    const byHash = await post(router.graphqlUrl, { extensions: persisted(sha256(text)), variables: {} }, auth());
    expect(byHash.body.errors).toBeUndefined();
    expect(byHash.body.data.customers.totalCount).toEqual(expect.any(Number));
    expect((await get(router.graphqlUrl, { extensions: persisted(sha256(text)) }, auth())).body).toEqual(byHash.body);
    expect((await post(router.graphqlUrl, { query: text }, auth())).body).toEqual(byHash.body);
  });

  it('refuses any other operation, by text, by hash or as a registration, with PERSISTED_QUERY_NOT_IN_SAFELIST', async () => {
    const other = 'query NotListed { customers(first: 1) { totalCount } }';
    const byText = await post(router.graphqlUrl, { query: other }, auth());
    expect(byText.status).toBe(400);
    expect(codeOf(byText)).toBe(NOT_IN_SAFELIST);
    expect(byText.body.errors?.[0]?.message).toMatch(/only registered operations/);
    expect(byText.body.data).toBeUndefined();
    const registration = await post(router.graphqlUrl, { query: other, extensions: persisted(sha256(other)) }, auth());
    expect(codeOf(registration)).toBe(NOT_IN_SAFELIST);
    const byHash = await post(router.graphqlUrl, { extensions: persisted(sha256(other)) }, auth());
    expect(byHash.status).toBe(400);
    expect(codeOf(byHash)).toBe(NOT_IN_SAFELIST);
    // A registered text with one character changed is another operation.
    expect(codeOf(await post(router.graphqlUrl, { query: `${print(CustomerCountDocument)} ` }, auth()))).toBe(NOT_IN_SAFELIST);
  });

  it('leaves introspection alone (the introspection setting governs it)', async () => {
    const answer = await post(router.graphqlUrl, { query: '{ __schema { queryType { name } } }' });
    expect(answer.body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });

  it('refuses a subscription over the socket that is not registered, and accepts one that is', async () => {
    const client = wsClient(router.graphqlUrl, { Authorization: `Bearer ${token}` });
    try {
      const refused = await new Promise<unknown>((resolve) => {
        client.subscribe({ query: 'subscription NotListed { orderPlaced { id } }' }, { next: () => undefined, error: resolve, complete: () => resolve(null) });
      });
      expect((refused as { extensions?: { code?: string } }[])[0]?.extensions?.code).toBe(NOT_IN_SAFELIST);
      const listed = subscribe(client, InvoiceStatusFeedDocument, {});
      const outcome = await Promise.race([listed.failure, new Promise((resolve) => setTimeout(() => resolve('still subscribed'), 500))]);
      listed.stop();
      expect(outcome).toBe('still subscribed');
    } finally {
      await client.dispose();
    }
  });
});
