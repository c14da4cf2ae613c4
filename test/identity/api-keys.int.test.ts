import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { errorCodes } from '../support/client.js';
import { testDatabaseUrl } from '../support/database.js';
import { eventually } from '../support/eventually.js';
import { recordedEvents } from '../support/outbox.js';
import { useTestPlatform } from '../support/platform.js';
import { ApiKeysDocument, ApiKeysPageDocument, CreateApiKeyDocument, CustomerCountDocument, DisableUserDocument, MeDocument, RevokeApiKeyDocument, UsersDocument } from '../generated/graphql.js';

const t = useTestPlatform();

async function storedKeyRows(id: string) {
  const db = new pg.Client({ connectionString: testDatabaseUrl() });
  await db.connect();
  try {
    return (await db.query('select prefix, secret_hash from identity.api_key where id = $1', [id])).rows;
  } finally {
    await db.end();
  }
}

describe('API keys', () => {
  it('shows the secret once, stores only its hash, and works as x-api-key and as a Bearer token', async () => {
    const created = (await t.admin.data(CreateApiKeyDocument, { input: { name: 'partner', scopes: ['users:read'] } })).createApiKey;
    expect(created.secret).toMatch(/^erp_[0-9a-f]{8}_/);
    expect(created.secret.startsWith(created.apiKey.prefix)).toBe(true);
    const [row] = await storedKeyRows(created.id);
    expect(row.secret_hash).not.toContain(created.secret.slice(created.apiKey.prefix.length + 1));
    expect(JSON.stringify(row)).not.toContain(created.secret);

    const viaHeader = await t.anonymous.withHeaders({ 'x-api-key': created.secret }).data(UsersDocument, { first: 5 });
    expect(viaHeader.users.totalCount).toBeGreaterThan(0);
    const viaBearer = await t.anonymous.withToken(created.secret).data(UsersDocument, { first: 5 });
    expect(viaBearer.users.totalCount).toBe(viaHeader.users.totalCount);

    const listed = await t.admin.data(ApiKeysDocument, { first: 100 });
    const mine = listed.apiKeys.edges.find((edge) => edge.node.id === created.id);
    expect(mine?.node.lastUsedAt).not.toBeNull();
  });

  it('limits a key to its scopes', async () => {
    const created = (await t.admin.data(CreateApiKeyDocument, { input: { name: 'narrow', scopes: ['customers:read'] } })).createApiKey;
    const result = await t.anonymous.withHeaders({ 'x-api-key': created.secret }).send(UsersDocument, { first: 5 });
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
  });

  it('stops working within a second of being revoked, though the router had it cached', async () => {
    const created = (await t.admin.data(CreateApiKeyDocument, { input: { name: 'short-lived', scopes: ['users:read'] } })).createApiKey;
    const client = t.anonymous.withHeaders({ 'x-api-key': created.secret });
    await client.data(UsersDocument, { first: 1 });
    const revoked = await t.admin.data(RevokeApiKeyDocument, { id: created.id });
    expect(revoked.revokeApiKey.revokedAt).not.toBeNull();
    // The router forgets the key when identity's relay publishes apikey.revoked, just after the revocation commits.
    const refused = await eventually(() => client.send(UsersDocument, { first: 1 }), (after) => after.status !== 200, 1_000);
    expect(refused.status).toBe(401);
    expect(errorCodes(refused)).toEqual(['UNAUTHENTICATED']);
  });

  it('refuses an unknown or tampered key, an invalid scope and a past expiry', async () => {
    const created = (await t.admin.data(CreateApiKeyDocument, { input: { name: 'k', scopes: ['users:read'] } })).createApiKey;
    const tampered = `${created.secret.slice(0, -2)}xx`;
    expect(errorCodes(await t.anonymous.withHeaders({ 'x-api-key': tampered }).send(UsersDocument, {}))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await t.anonymous.withHeaders({ 'x-api-key': 'erp_nonsense' }).send(UsersDocument, {}))).toEqual(['UNAUTHENTICATED']);
    const badScope = await t.admin.send(CreateApiKeyDocument, { input: { name: 'k', scopes: ['everything'] } });
    expect(errorCodes(badScope)).toEqual(['BAD_USER_INPUT']);
    const past = await t.admin.send(CreateApiKeyDocument, { input: { name: 'k', scopes: ['users:read'], expiresAt: '2020-01-01T00:00:00Z' } });
    expect(errorCodes(past)).toEqual(['BAD_USER_INPUT']);
  });

  it('lists a manager’s own keys, newest first, and every key for an admin', async () => {
    const manager = await t.userWith(['manager']);
    const created = [];
    for (const name of ['older', 'newer']) {
      created.push((await manager.client.data(CreateApiKeyDocument, { input: { name, scopes: ['customers:read'], expiresAt: '2099-01-01T00:00:00.000Z' } })).createApiKey);
    }
    const adminKey = (await t.admin.data(CreateApiKeyDocument, { input: { name: 'admin only', scopes: ['users:read'] } })).createApiKey;

    const own = (await manager.client.data(ApiKeysPageDocument, { first: 1 })).apiKeys;
    expect(own.totalCount).toBe(2);
    expect(own.edges.map((e) => e.node)).toEqual([
      { id: created[1]!.id, name: 'newer', prefix: created[1]!.apiKey.prefix, scopes: ['customers:read'], ownerId: manager.id, expiresAt: '2099-01-01T00:00:00.000Z', revokedAt: null, createdAt: expect.any(String) },
    ]);
    const rest = (await manager.client.data(ApiKeysPageDocument, { first: 1, after: own.pageInfo.endCursor })).apiKeys;
    expect(rest.edges.map((e) => e.node.id)).toEqual([created[0]!.id]);
    expect(rest.pageInfo.hasNextPage).toBe(false);

    const everyKey = (await t.admin.data(ApiKeysPageDocument, { first: 100 })).apiKeys.edges.map((e) => e.node.id);
    expect(everyKey.slice(0, 3)).toEqual([adminKey.id, created[1]!.id, created[0]!.id]);
    // Listing keys is for signed-in users, even with a key that holds apikeys:read.
    const lister = (await t.admin.data(CreateApiKeyDocument, { input: { name: 'lister', scopes: ['apikeys:read'] } })).createApiKey;
    expect(errorCodes(await t.anonymous.withHeaders({ 'x-api-key': lister.secret }).send(ApiKeysPageDocument, { first: 1 }))).toEqual(['UNAUTHENTICATED']);
  });

  it('is checked with its owner in one statement, and stops working once its owner is disabled', async () => {
    const manager = await t.userWith(['manager']);
    const created = (await manager.client.data(CreateApiKeyDocument, { input: { name: 'owned', scopes: ['customers:read'] } })).createApiKey;
    const partner = t.anonymous.withHeaders({ 'x-api-key': created.secret });
    const { statements } = await t.statementsDuring(() => partner.data(CustomerCountDocument, {}));
    // The router has not seen the key: identity reads it, and its owner, in one select (the lastUsedAt stamp aside).
    const reads = statements.filter((statement) => statement.subgraph === 'identity' && /^\[query\] select /.test(statement.sql));
    expect(reads.map((statement) => statement.sql)).toEqual([expect.stringMatching(/from "identity"\."api_key" t join "identity"\."user" o on o\.id = t\.owner_id where t\.prefix = /)]);

    const another = (await manager.client.data(CreateApiKeyDocument, { input: { name: 'owned too', scopes: ['customers:read'] } })).createApiKey;
    await t.admin.data(DisableUserDocument, { id: manager.id });
    const refused = await t.anonymous.withHeaders({ 'x-api-key': another.secret }).send(CustomerCountDocument, {});
    expect(refused.status).toBe(401);
    expect(errorCodes(refused)).toEqual(['UNAUTHENTICATED']);
  });

  it('is not for roles without apikeys:write', async () => {
    const { client } = await t.userWith(['sales']);
    expect(errorCodes(await client.send(CreateApiKeyDocument, { input: { name: 'k', scopes: ['users:read'] } }))).toEqual(['FORBIDDEN']);
  });
});

describe('API key events', () => {
  it('records apikey.revoked once, with the key and who revoked it, and nothing for a refused revocation', async () => {
    const created = (await t.admin.data(CreateApiKeyDocument, { input: { name: 'evented', scopes: ['users:read', 'customers:read'] } })).createApiKey;
    const revoked = (await t.admin.data(RevokeApiKeyDocument, { id: created.id })).revokeApiKey;
    // Revoking again changes nothing, so it records nothing.
    await t.admin.data(RevokeApiKeyDocument, { id: created.id });
    const adminId = (await t.admin.data(MeDocument, {})).me.id;
    expect(await recordedEvents('identity', created.id)).toEqual([
      {
        type: 'apikey.revoked',
        aggregateId: created.id,
        payload: { apiKeyId: created.id, name: 'evented', prefix: created.apiKey.prefix, ownerId: adminId, scopes: ['users:read', 'customers:read'], at: revoked.revokedAt, byUserId: adminId },
      },
    ]);

    const before = await recordedEvents('identity');
    expect(errorCodes(await t.admin.send(RevokeApiKeyDocument, { id: '00000000-0000-0000-0000-000000000000' }))).toEqual(['NOT_FOUND']);
    expect(await recordedEvents('identity')).toEqual(before);
  });
});
