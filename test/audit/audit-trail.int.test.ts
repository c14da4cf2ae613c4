import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, type GraphQLClient } from '../support/client.js';
import { customerAndProducts, draftOrder } from '../support/commerce.js';
import { sql } from '../support/database.js';
import { eventually } from '../support/eventually.js';
import { useTestPlatform } from '../support/platform.js';
import { settled } from '../support/settled.js';
import {
  AuditLogDocument,
  ChangePasswordDocument,
  CreateApiKeyDocument,
  CreateCustomerDocument,
  MeDocument,
  PlaceOrderDocument,
  RegisterDocument,
  UpdateCustomerDocument,
  type AuditLogFilter,
  type AuditLogQuery,
} from '../generated/graphql.js';

type Entry = AuditLogQuery['auditLog']['edges'][number]['node'];

const t = useTestPlatform();
let adminId: string;

beforeAll(async () => {
  adminId = (await t.admin.data(MeDocument, {})).me.id;
});

const requestId = () => `audit-test-${randomUUID()}`;

/** The entries matching the filter once the platform has delivered every audit event (newest first). */
async function entries(filter: AuditLogFilter, expected = 1): Promise<Entry[]> {
  const read = async () => (await t.admin.data(AuditLogDocument, { first: 100, filter })).auditLog.edges.map((edge) => edge.node);
  return eventually(read, (found) => found.length >= expected);
}

const fieldsOf = (entry: Entry) => Object.fromEntries(entry.changes.map((change) => [change.field, change]));

describe('the audit trail', () => {
  it('records an update with only the changed fields, before and after, the admin and the request id', async () => {
    const customer = (await t.admin.data(CreateCustomerDocument, { input: { name: 'Audited Ltd', email: 'old@audited.test', phone: '+44 1' } })).createCustomer;
    const id = requestId();
    await t.admin.withHeaders({ 'x-request-id': id }).data(UpdateCustomerDocument, { id: customer.id, input: { name: 'Audited Holdings', phone: '+44 1', email: 'new@audited.test' } });

    const [entry] = await entries({ entityType: 'Customer', entityId: customer.id, mutation: 'updateCustomer' });
    expect(entry).toMatchObject({
      subgraph: 'crm',
      mutation: 'updateCustomer',
      job: null,
      requestId: id,
      entityType: 'Customer',
      entityId: customer.id,
      action: 'UPDATED',
      actor: { kind: 'USER', id: adminId, roles: ['admin'], onBehalfOf: null },
    });
    expect(entry!.changes).toEqual([
      { field: 'name', before: 'Audited Ltd', after: 'Audited Holdings', redacted: false },
      { field: 'email', before: 'old@audited.test', after: 'new@audited.test', redacted: false },
    ]);

    // Its creation is there too, older, with the fields it was created with.
    const both = await entries({ entityType: 'Customer', entityId: customer.id }, 2);
    expect(both.map((e) => e.mutation)).toEqual(['updateCustomer', 'createCustomer']);
    expect(fieldsOf(both[1]!)).toMatchObject({ name: { before: null, after: 'Audited Ltd' }, phone: { after: '+44 1' } });
  });

  it('records nothing for a mutation refused as bad input, which changed nothing', async () => {
    const customer = (await t.admin.data(CreateCustomerDocument, { input: { name: 'Refused Ltd' } })).createCustomer;
    const id = requestId();
    const refused = await t.admin.withHeaders({ 'x-request-id': id }).send(UpdateCustomerDocument, { id: customer.id, input: { name: 'Renamed', email: 'not an email' } });
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
    await settled();
    const stored = await sql<{ count: number }>(`select count(*)::int as count from identity.audit_entry where request_id = $1`, [id]);
    expect(stored[0]!.count).toBe(0);
  });

  it('names the API key that made a change, and the user it acts for', async () => {
    const key = (await t.admin.data(CreateApiKeyDocument, { input: { name: 'audited partner', scopes: ['customers:write'] } })).createApiKey;
    const partner = t.anonymous.withHeaders({ 'x-api-key': key.secret });
    const customer = (await partner.data(CreateCustomerDocument, { input: { name: 'Partner-made Ltd' } })).createCustomer;

    const [entry] = await entries({ entityType: 'Customer', entityId: customer.id });
    expect(entry).toMatchObject({ mutation: 'createCustomer', action: 'CREATED', actor: { kind: 'API_KEY', id: key.id, scopes: ['customers:write'], roles: [], onBehalfOf: adminId } });
    expect((await entries({ actorId: key.id })).map((e) => e.entityId)).toEqual([customer.id]);
  });

  it('keeps no password hash, key hash or token: a secret shows only as changed', async () => {
    const email = `audit-${randomUUID()}@test.erp`;
    const registered = (await t.anonymous.data(RegisterDocument, { input: { email, password: 'first-long-password' } })).register;
    const user = t.anonymous.withToken(registered.accessToken);
    const userId = (await user.data(MeDocument, {})).me.id;
    await user.data(ChangePasswordDocument, { currentPassword: 'first-long-password', newPassword: 'second-long-password' });
    const key = (await t.admin.data(CreateApiKeyDocument, { input: { name: 'secretive', scopes: ['customers:read'] } })).createApiKey;

    const userEntries = await entries({ entityType: 'User', entityId: userId }, 2);
    const [changed, created] = userEntries;
    expect(created).toMatchObject({ mutation: 'register', action: 'CREATED', actor: { kind: 'ANONYMOUS', id: null } });
    expect(fieldsOf(created!)).toMatchObject({ email: { after: email }, passwordHash: { before: null, after: null, redacted: true } });
    expect(changed).toMatchObject({ mutation: 'changePassword', action: 'UPDATED', actor: { kind: 'USER', id: userId } });
    expect(changed!.changes).toEqual([{ field: 'passwordHash', before: null, after: null, redacted: true }]);

    const [keyEntry] = await entries({ entityType: 'ApiKey', entityId: key.id });
    expect(fieldsOf(keyEntry!)).toMatchObject({ secretHash: { redacted: true, after: null }, prefix: { after: key.apiKey.prefix } });

    // Nothing secret anywhere in the trail or in the events that carried it.
    const [stored] = await sql<{ password_hash: string }>(`select password_hash from identity."user" where id = $1`, [userId]);
    const [keyRow] = await sql<{ secret_hash: string }>(`select secret_hash from identity.api_key where id = $1`, [key.id]);
    const tokens = await sql<{ token_hash: string }>(`select token_hash from identity.refresh_token where user_id = $1`, [userId]);
    const trail = (await sql<{ text: string }>(`select string_agg(changes::text, ' ') as text from identity.audit_entry`))[0]!.text;
    const events = (await sql<{ text: string }>(`select string_agg(payload::text, ' ') as text from identity.outbox_event where type = 'audit.recorded'`))[0]!.text;
    for (const secret of [stored!.password_hash, keyRow!.secret_hash, key.secret, registered.refreshToken, ...tokens.map((row) => row.token_hash)]) {
      expect(trail).not.toContain(secret);
      expect(events).not.toContain(secret);
    }
    expect(trail).not.toContain('$argon2id$');
  });

  it('records the order placement of the hot path, written by its own statement', async () => {
    const { customer, products } = await customerAndProducts(t.admin);
    const order = await draftOrder(t.admin, customer.id, [{ productId: products[0]!.id, quantity: 2 }]);
    const id = requestId();
    await t.admin.withHeaders({ 'x-request-id': id }).data(PlaceOrderDocument, { id: order.id, idempotencyKey: randomUUID() });

    const [placed, created] = await entries({ entityType: 'Order', entityId: order.id }, 2);
    expect(placed).toMatchObject({ mutation: 'placeOrder', requestId: id, subgraph: 'sales', action: 'UPDATED', actor: { id: adminId } });
    expect(fieldsOf(placed!).status).toEqual({ field: 'status', before: 'DRAFT', after: 'PLACED', redacted: false });
    expect(Object.keys(fieldsOf(placed!)).sort()).toEqual(['placedAt', 'status']);
    expect(created).toMatchObject({ mutation: 'createOrder', action: 'CREATED' });
    expect(fieldsOf(created!)).toMatchObject({ number: { after: order.number }, customerId: { after: customer.id }, totalMinor: { after: expect.any(String) } });
    const lines = await entries({ entityType: 'OrderLine', mutation: 'createOrder' });
    expect(lines.some((line) => fieldsOf(line).order?.after === order.id)).toBe(true);
  });

  it('is read by admins only: FORBIDDEN for other roles and for API keys, even one with the scope', async () => {
    const { client: manager } = await t.userWith(['manager']);
    expect(errorCodes(await manager.send(AuditLogDocument, { first: 5 }))).toEqual(['FORBIDDEN']);
    const key = (await t.admin.data(CreateApiKeyDocument, { input: { name: 'auditor', scopes: ['audit:read'] } })).createApiKey;
    expect(errorCodes(await t.anonymous.withHeaders({ 'x-api-key': key.secret }).send(AuditLogDocument, { first: 5 }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await t.anonymous.send(AuditLogDocument, { first: 5 }))).toEqual(['UNAUTHENTICATED']);
  });

  it('pages newest first and filters by time', async () => {
    const names = ['One', 'Two', 'Three'];
    const ids: string[] = [];
    for (const name of names) ids.push((await t.admin.data(CreateCustomerDocument, { input: { name: `Paged ${name}` } })).createCustomer.id);
    await settled();
    const filter = { entityType: 'Customer', mutation: 'createCustomer', actorId: adminId };
    const first = (await t.admin.data(AuditLogDocument, { first: 2, filter })).auditLog;
    expect(first.edges.map((e) => e.node.entityId)).toEqual([ids[2], ids[1]]);
    const next = (await t.admin.data(AuditLogDocument, { first: 2, after: first.pageInfo.endCursor, filter })).auditLog;
    expect(next.edges[0]!.node.entityId).toBe(ids[0]);
    const future = new Date(Date.now() + 60_000).toISOString();
    expect((await t.admin.data(AuditLogDocument, { first: 5, filter: { ...filter, from: future } })).auditLog.edges).toEqual([]);
    const backwards = await t.admin.send(AuditLogDocument, { first: 5, filter: { from: future, to: new Date().toISOString() } });
    expect(errorCodes(backwards)).toEqual(['BAD_USER_INPUT']);
  });
});
