import { afterAll, describe, expect, it } from 'vitest';
import { RedisLiveEvents } from '@erp/platform';
import { errorCodes, GraphQLClient, type GraphQLResponse } from '../support/client.js';
import { eventually } from '../support/eventually.js';
import { OwnRedis } from '../support/own-redis.js';
import { useTestPlatform, type TestPlatform } from '../support/platform.js';
import { CreateApiKeyDocument, RevokeApiKeyDocument, UsersDocument, type UsersQuery } from '../generated/graphql.js';

// A Redis of the file's own, which the test stops, for a router instance whose live events run on it: no revocation
// reaches that instance through it, so whatever it refuses it learnt from identity. Registered before the platform's
// hooks, so it goes away after the platform and its routers have stopped.
const ownRedis = await OwnRedis.start();
const live = new RedisLiveEvents(ownRedis.url, 'erp-test-gap');
afterAll(async () => {
  await live.close();
  await ownRedis.remove();
});
// Live events through Redis pub/sub, so that another router instance can share them as another process would.
const t = useTestPlatform({ redis: true });

/** Identity's lookup of a presented API key: one statement per check the router asks for. */
function keyChecks(statements: { subgraph: string; sql: string }[]): number {
  return statements.filter((statement) => statement.subgraph === 'identity' && /^\[query\] select .* from "identity"\."api_key" t join .* where t\.prefix = /s.test(statement.sql)).length;
}

async function newKey(harness: TestPlatform) {
  return (await harness.admin.data(CreateApiKeyDocument, { input: { name: 'cached', scopes: ['users:read'] } })).createApiKey;
}

/**
 * Sends the request every 50 ms until it is refused or `withinMs` has passed; answers the last response and how long
 * after `since` the request that got it was sent.
 */
async function untilRefused(client: GraphQLClient, since: number, withinMs: number): Promise<{ last: GraphQLResponse<UsersQuery>; sentAfterMs: number }> {
  for (;;) {
    const sentAt = Date.now();
    const last = await client.send(UsersDocument, { first: 1 });
    const refused = errorCodes(last).includes('UNAUTHENTICATED');
    if (refused || sentAt - since > withinMs) return { last, sentAfterMs: sentAt - since };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('API key checks cached in the router', () => {
  it('asks identity once for a key used twice', async () => {
    const key = await newKey(t);
    const partner = t.anonymous.withHeaders({ 'x-api-key': key.secret });
    const { statements } = await t.statementsDuring(async () => {
      await partner.data(UsersDocument, { first: 1 });
      await partner.data(UsersDocument, { first: 1 });
    });
    expect(keyChecks(statements)).toBe(1);
  });

  it('asks identity once for concurrent first requests with the same key', async () => {
    const key = await newKey(t);
    const partner = t.anonymous.withHeaders({ 'x-api-key': key.secret });
    const { result, statements } = await t.statementsDuring(() => Promise.all(Array.from({ length: 5 }, () => partner.send(UsersDocument, { first: 1 }))));
    expect(result.map((response) => response.errors)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(keyChecks(statements)).toBe(1);
  });

  it('refuses a key revoked through one router within a second on both instances that had it cached', async () => {
    const second = await t.anotherRouter();
    const key = await newKey(t);
    const onFirst = t.anonymous.withHeaders({ 'x-api-key': key.secret });
    const onSecond = new GraphQLClient(second.graphqlUrl, { 'x-api-key': key.secret });
    const { statements } = await t.statementsDuring(async () => {
      for (const partner of [onFirst, onSecond, onFirst, onSecond]) await partner.data(UsersDocument, { first: 1 });
    });
    // One check per instance: each has the key cached.
    expect(keyChecks(statements)).toBe(2);

    await new GraphQLClient(second.graphqlUrl, t.admin.headers).data(RevokeApiKeyDocument, { id: key.id });
    const revokedAt = Date.now();
    const [first, onSecondRouter] = await Promise.all([untilRefused(onFirst, revokedAt, 1_000), untilRefused(onSecond, revokedAt, 1_000)]);
    for (const { last, sentAfterMs } of [first, onSecondRouter]) {
      expect(last.status).toBe(401);
      expect(errorCodes(last)).toEqual(['UNAUTHENTICATED']);
      expect(sentAfterMs).toBeLessThan(1_000);
    }
  });
});

describe('API key checks while revocations may be missed', () => {
  it('checks every key with identity while its live events are down, and caches again once they are back', async () => {
    const router = await t.anotherRouter({ live });
    expect(await eventually(() => live.receiving(), Boolean, 5_000)).toBe(true);
    const key = await newKey(t);
    const partner = new GraphQLClient(router.graphqlUrl, { 'x-api-key': key.secret });
    const cached = await t.statementsDuring(async () => {
      await partner.data(UsersDocument, { first: 1 });
      await partner.data(UsersDocument, { first: 1 });
    });
    expect(keyChecks(cached.statements)).toBe(1);

    await ownRedis.stop();
    expect(await eventually(() => live.receiving(), (receiving) => !receiving, 5_000)).toBe(false);
    const uncached = await t.statementsDuring(async () => {
      await partner.data(UsersDocument, { first: 1 });
      await partner.data(UsersDocument, { first: 1 });
    });
    expect(keyChecks(uncached.statements)).toBe(2);
    // Revoked while this router hears nothing: refused on the next request all the same.
    await t.admin.data(RevokeApiKeyDocument, { id: key.id });
    expect(errorCodes(await partner.send(UsersDocument, { first: 1 }))).toEqual(['UNAUTHENTICATED']);

    await ownRedis.resume();
    expect(await eventually(() => live.receiving(), Boolean, 15_000)).toBe(true);
    expect(errorCodes(await partner.send(UsersDocument, { first: 1 }))).toEqual(['UNAUTHENTICATED']);
    const another = new GraphQLClient(router.graphqlUrl, { 'x-api-key': (await newKey(t)).secret });
    const again = await t.statementsDuring(async () => {
      await another.data(UsersDocument, { first: 1 });
      await another.data(UsersDocument, { first: 1 });
    });
    expect(keyChecks(again.statements)).toBe(1);
  });

  it('forgets what it had cached when its live events were interrupted, so a revocation missed meanwhile holds', async () => {
    const router = await t.anotherRouter({ live });
    expect(await eventually(() => live.receiving(), Boolean, 15_000)).toBe(true);
    const key = await newKey(t);
    const partner = new GraphQLClient(router.graphqlUrl, { 'x-api-key': key.secret });
    await partner.data(UsersDocument, { first: 1 });

    await ownRedis.stop();
    expect(await eventually(() => live.receiving(), (receiving) => !receiving, 5_000)).toBe(false);
    await t.admin.data(RevokeApiKeyDocument, { id: key.id });
    await ownRedis.resume();
    expect(await eventually(() => live.receiving(), Boolean, 15_000)).toBe(true);
    expect(errorCodes(await partner.send(UsersDocument, { first: 1 }))).toEqual(['UNAUTHENTICATED']);
  });
});
