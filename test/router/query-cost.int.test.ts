import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SUPERGRAPH_PATH } from '@erp/app';
import { RedisCostBuckets, startRouter, type RunningRouter } from '@erp/router';
import { Redis } from 'ioredis';
import { CreateApiKeyDocument, CreateCustomerDocument } from '../generated/graphql.js';
import { TEST_REDIS_URL, TEST_ROUTER_SECRET } from '../support/constants.js';
import { useTestPlatform } from '../support/platform.js';

const t = useTestPlatform();

interface Answer {
  status: number;
  retryAfter: string | null;
  body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[]; extensions?: { cost?: Cost } };
}
interface Cost {
  requestedQueryCost: number;
  actualQueryCost: number;
  throttleStatus: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };
}

async function post(url: string, headers: Record<string, string>, query: string, variables?: Record<string, unknown>): Promise<Answer> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as Answer['body'] };
}

// 1 for the connection + 10 × (edge 1 + customer 1): what the first page of 10 costs, asked and spent alike once there
// are at least 10 customers.
const TEN_CUSTOMERS = 'query Ten { customers(first: 10) { edges { node { id name } } } }';
const TEN_CUSTOMERS_COST = 21;

beforeAll(async () => {
  for (let i = 0; i < 10; i += 1) await t.admin.data(CreateCustomerDocument, { input: { name: `Cost customer ${i}` } });
});

describe('query cost at the router', () => {
  it('says in every response what the operation was priced at, what it spent and what the caller has left', async () => {
    const answer = await post(t.admin.url, t.admin.headers, TEN_CUSTOMERS);
    expect(answer.body.errors).toBeUndefined();
    const cost = answer.body.extensions!.cost!;
    expect(cost.requestedQueryCost).toBe(TEN_CUSTOMERS_COST);
    expect(cost.actualQueryCost).toBe(TEN_CUSTOMERS_COST);
    expect(cost.throttleStatus.maximumAvailable).toBeGreaterThan(0);
    expect(cost.throttleStatus.currentlyAvailable).toBeLessThanOrEqual(cost.throttleStatus.maximumAvailable);
    // A page that comes back shorter than asked gives back what it did not spend.
    const short = await post(t.admin.url, t.admin.headers, '{ customers(first: 50, filter: { search: "Cost customer 3" }) { edges { node { id } } } }');
    expect(short.body.extensions!.cost!.requestedQueryCost).toBe(1 + 50 * 2);
    expect(short.body.extensions!.cost!.actualQueryCost).toBe(1 + 1 * 2);
  });

  it('refuses an operation dearer than one request may be before any subgraph sees it', async () => {
    const query = '{ customers(first: 100) { edges { node { orders(first: 100) { edges { node { lines { product { name } } } } } } } } }';
    const { result, statements } = await t.statementsDuring(() => post(t.admin.url, t.admin.headers, query));
    expect(result.status).toBe(400);
    expect(result.body.errors?.[0]?.extensions?.code, JSON.stringify(result.body)).toBe('MAX_COST_EXCEEDED');
    expect(result.body.errors?.[0]?.message).toMatch(/costs \d+ points, more than the \d+ one request may cost/);
    expect(result.body.data).toBeUndefined();
    expect(result.body.extensions?.cost?.requestedQueryCost).toBeGreaterThan(100_000);
    expect(statements, JSON.stringify(statements)).toEqual([]);
  });

  describe('with buckets shared in Redis by two router instances', () => {
    const prefix = `erp-test-cost-${randomUUID().slice(0, 8)}:`;
    const routers: RunningRouter[] = [];
    const stores: RedisCostBuckets[] = [];
    const clients: Redis[] = [];
    let secret = '';

    beforeAll(async () => {
      const subgraphUrls = Object.fromEntries(Object.entries(t.platform.subgraphs).map(([name, running]) => [name, running.url]));
      for (let i = 0; i < 2; i += 1) {
        const client = new Redis(TEST_REDIS_URL, { enableOfflineQueue: false });
        clients.push(client);
        // Refunds wait for their caller's next request here; the test sends the rest itself (`flush`).
        const buckets = new RedisCostBuckets(client, prefix, { flushIntervalMs: 60_000 });
        stores.push(buckets);
        routers.push(
          await startRouter({ supergraphSdl: readFileSync(SUPERGRAPH_PATH, 'utf8'), subgraphUrls, routerSecret: TEST_ROUTER_SECRET, port: 0, host: '127.0.0.1', costBuckets: buckets }),
        );
      }
      // A partner key with a small bucket of its own: 50 points, one back every second.
      const created = await t.admin.data(CreateApiKeyDocument, { input: { name: 'metered', scopes: ['customers:read'], costBucketSize: 50, costRestoreRate: 1 } });
      secret = created.createApiKey.secret;
    });

    afterAll(async () => {
      for (const router of routers) await router.close();
      for (const store of stores) await store.close();
    });

    /** A partner key with its own bucket, and the Lua steps the first router instance runs on that bucket from now on. */
    async function meteredKey(name: string, costBucketSize: number, costRestoreRate: number) {
      const created = await t.admin.data(CreateApiKeyDocument, { input: { name, scopes: ['customers:read'], costBucketSize, costRestoreRate } });
      const bucketKey = `${prefix}apiKey:${created.createApiKey.id}`;
      const steps = vi.spyOn(clients[0]!, 'sendCommand');
      const stepsOnBucket = () => steps.mock.calls.filter(([command]) => /^eval(sha)?$/.test(command.name) && command.args.some((arg) => String(arg) === bucketKey)).length;
      return { key: { 'x-api-key': created.createApiKey.secret }, bucketKey, steps, stepsOnBucket };
    }

    it('throttles a burst beyond the key’s bucket on whichever instance it reaches, then lets it through once restored', async () => {
      const key = { 'x-api-key': secret };
      const first = await post(routers[0]!.graphqlUrl, key, TEN_CUSTOMERS);
      expect(first.body.errors).toBeUndefined();
      expect(first.body.extensions!.cost!.throttleStatus).toEqual({ maximumAvailable: 50, currentlyAvailable: 29, restoreRate: 1 });
      const second = await post(routers[1]!.graphqlUrl, key, TEN_CUSTOMERS);
      expect(second.body.errors).toBeUndefined();
      expect(second.body.extensions!.cost!.throttleStatus.currentlyAvailable).toBeLessThanOrEqual(12);

      const { result: third, statements } = await t.statementsDuring(() => post(routers[0]!.graphqlUrl, key, TEN_CUSTOMERS));
      expect(third.status).toBe(429);
      expect(third.body.errors?.[0]?.extensions?.code).toBe('THROTTLED');
      const retryAfterSeconds = third.body.errors![0]!.extensions!.retryAfterSeconds as number;
      expect(retryAfterSeconds).toBeGreaterThanOrEqual(8);
      expect(retryAfterSeconds).toBeLessThanOrEqual(14);
      expect(third.retryAfter).toBe(String(retryAfterSeconds));
      expect(third.body.data).toBeUndefined();
      expect(third.body.extensions!.cost!.requestedQueryCost).toBe(TEN_CUSTOMERS_COST);
      expect(third.body.extensions!.cost!.actualQueryCost).toBe(0);
      // These instances hear no revocations, so identity checks the key with its owner (one statement) on every request; nothing else runs.
      const keyCheck = /from "identity"\."api_key" t join .* where t\.prefix = /s;
      const beyondKeyCheck = statements.filter((statement) => !(statement.subgraph === 'identity' && keyCheck.test(statement.sql)));
      expect(beyondKeyCheck, 'a throttled request reaches no subgraph').toEqual([]);

      // The admin's own bucket is untouched by the partner's.
      expect((await post(routers[1]!.graphqlUrl, t.admin.headers, TEN_CUSTOMERS)).status).toBe(200);

      // A cheap request still fits in what is left.
      const cheap = await post(routers[1]!.graphqlUrl, key, '{ customers(first: 1) { edges { node { id } } } }');
      expect(cheap.body.errors).toBeUndefined();
    });

    it('gives back what a request did not spend in the same Redis step as the caller’s next request', async () => {
      // No refill worth counting during the test: one point a second.
      const { key, bucketKey, steps, stepsOnBucket } = await meteredKey('refunded', 1_000, 1);
      try {
        // 101 asked, 3 spent: 98 to give back.
        const short = await post(routers[0]!.graphqlUrl, key, '{ customers(first: 50, filter: { search: "Cost customer 3" }) { edges { node { id } } } }');
        expect(short.body.extensions!.cost).toEqual({ requestedQueryCost: 101, actualQueryCost: 3, throttleStatus: { maximumAvailable: 1_000, currentlyAvailable: 997, restoreRate: 1 } });
        expect(stepsOnBucket(), 'one Redis step for the request, none for its refund').toBe(1);

        const next = await post(routers[0]!.graphqlUrl, key, TEN_CUSTOMERS);
        expect(stepsOnBucket()).toBe(2);
        // 997 − 21, plus a point a second since.
        expect(next.body.extensions!.cost!.throttleStatus.currentlyAvailable).toBeGreaterThanOrEqual(976);
        expect(next.body.extensions!.cost!.throttleStatus.currentlyAvailable).toBeLessThanOrEqual(980);
      } finally {
        steps.mockRestore();
      }

      // A refund whose caller does not come back reaches Redis with the next batch.
      await post(routers[0]!.graphqlUrl, key, '{ customers(first: 50, filter: { search: "Cost customer 3" }) { edges { node { id } } } }');
      const redis = new Redis(TEST_REDIS_URL);
      try {
        const held = () => redis.hget(bucketKey, 'available').then(Number);
        expect(await held()).toBeLessThanOrEqual(976 - 101 + 5);
        await stores[0]!.flush();
        expect(await held()).toBeGreaterThanOrEqual(976 - 101 + 98);
        expect(await held()).toBeLessThanOrEqual(980 - 101 + 98);
      } finally {
        redis.disconnect();
      }
    });

    it('charges a caller’s next requests to the lease an instance took with the first, without a round trip, and returns what is left', async () => {
      // A twentieth of the bucket, at most a second of its restore rate: 100 points, enough for four pages of ten.
      const { key, bucketKey, steps, stepsOnBucket } = await meteredKey('leased', 10_000, 100);
      const redis = new Redis(TEST_REDIS_URL);
      try {
        const answers: { level: number; at: number }[] = [];
        for (let i = 0; i < 5; i += 1) {
          const answer = await post(routers[0]!.graphqlUrl, key, TEN_CUSTOMERS);
          expect(answer.body.errors).toBeUndefined();
          answers.push({ level: answer.body.extensions!.cost!.throttleStatus.currentlyAvailable, at: Date.now() });
        }
        expect(stepsOnBucket(), 'one Redis step for five requests').toBe(1);
        expect(answers[0]!.level).toBe(10_000 - TEN_CUSTOMERS_COST);
        // Each request's cost comes off what the caller has left, which the bucket restores meanwhile (100 a second).
        for (let i = 1; i < 5; i += 1) {
          const restored = Math.ceil(((answers[i]!.at - answers[i - 1]!.at + 50) / 1000) * 100);
          expect(answers[i]!.level).toBeLessThanOrEqual(answers[i - 1]!.level - TEN_CUSTOMERS_COST + restored);
        }
        // Redis holds, as of its one step, the bucket less the first request and the lease: another instance cannot spend
        // what this one holds.
        expect(Number(await redis.hget(bucketKey, 'available'))).toBe(10_000 - TEN_CUSTOMERS_COST - 100);

        // Returned, the lease leaves the shared bucket short of exactly what the five requests spent (plus restoring).
        await stores[0]!.flush();
        const level = await redis.hget(bucketKey, 'available');
        if (level !== null) expect(Number(level)).toBeGreaterThanOrEqual(10_000 - 5 * TEN_CUSTOMERS_COST);
      } finally {
        steps.mockRestore();
        redis.disconnect();
      }
    });

    it('lets concurrent requests of one caller through one instance wait for one step’s lease instead of each taking one', async () => {
      // Bug: thirty requests that found the lease empty at once each ran a step and each leased 100 points more, so the
      // bucket (2,000) was leased out and later requests were refused though the caller had spent 300.
      const client = new Redis(TEST_REDIS_URL, { enableOfflineQueue: false, lazyConnect: true });
      await client.connect();
      const buckets = new RedisCostBuckets(client, `${prefix}stampede:`, { flushIntervalMs: 60_000 });
      const steps = vi.spyOn(client, 'sendCommand');
      try {
        const limit = { maximumAvailable: 2_000, restoreRate: 100 };
        const withdrawals = await Promise.all(Array.from({ length: 30 }, () => buckets.withdraw('user:busy', 10, limit)));
        expect(withdrawals.filter((w) => !w.allowed)).toEqual([]);
        const stepCount = steps.mock.calls.filter(([command]) => /^eval(sha)?$/.test(command.name)).length;
        expect(stepCount, 'a step, then the lease pays, another step when it is spent').toBeLessThanOrEqual(4);
      } finally {
        steps.mockRestore();
        await buckets.close();
      }
    });

    it('keeps nothing in Redis for a bucket once it is full again', async () => {
      const redis = new Redis(TEST_REDIS_URL);
      try {
        const keys = await redis.keys(`${prefix}*`);
        expect(keys.length).toBeGreaterThan(0);
        for (const name of keys) expect(await redis.pttl(name)).toBeGreaterThan(0);
      } finally {
        redis.disconnect();
      }
    });
  });
});
