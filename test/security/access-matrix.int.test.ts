import { readFileSync } from 'node:fs';
import { buildSchema } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { SUPERGRAPH_PATH, subgraphDefinitions } from '@erp/app';
import { decideAccess, ROLES, supergraphApiSdl, type Caller, type Permission, type PermissionPolicy } from '@erp/platform';
import { CreateApiKeyDocument } from '../generated/graphql.js';
import { useTestPlatform } from '../support/platform.js';
import { probeOperation, rootFields, type RootField } from './graph-access.js';

/**
 * Generated from the schema and the policies, so a new domain is covered without a new test: every root Query and
 * Mutation field is called by every role, by scoped API keys and anonymously, and the answer must be what the owning
 * subgraph's policy decides for the permissions the field declares (`@permission` in the supergraph).
 */
const t = useTestPlatform();
const supergraph = readFileSync(SUPERGRAPH_PATH, 'utf8');
const api = buildSchema(supergraphApiSdl(supergraph));
const policies = new Map<string, PermissionPolicy>(subgraphDefinitions().map((d) => [d.name, d.policy]));
const fields = rootFields(supergraph);

/** Fields that declare no permission: open to anyone (signing in and up), or checking the caller in their service. */
const UNDECLARED = new Set(['Mutation.login', 'Mutation.register', 'Mutation.refreshToken', 'Mutation.logout', 'Query.me', 'Mutation.changePassword']);

/**
 * Fields any signed-in caller may reach by declaration (`@Authorized()`) whose service serves people only: an API key is
 * refused there (stricter than the declaration, never looser).
 */
const PEOPLE_ONLY = new Set(['Query.me', 'Mutation.changePassword', 'Query.notifications', 'Query.notification']);

interface Prober {
  label: string;
  caller: Caller | null;
  headers: Record<string, string>;
}

const probers: Prober[] = [];
const KEYS: string[][] = [['orders:read'], ['customers:write', 'catalog:read'], ['invoices:write']];

beforeAll(async () => {
  probers.push({ label: 'anonymous', caller: null, headers: {} });
  for (const role of ROLES) {
    const user = await t.userWith([role]);
    probers.push({ label: `role ${role}`, caller: { kind: 'user', userId: user.id, roles: [role] }, headers: user.client.headers });
  }
  for (const scopes of KEYS) {
    const created = (await t.admin.data(CreateApiKeyDocument, { input: { name: `security ${scopes.join(' ')}`, scopes } })).createApiKey;
    probers.push({ label: `key ${scopes.join(' ')}`, caller: { kind: 'apiKey', apiKeyId: created.id, ownerId: 'admin', scopes, ownerRoles: ['admin'] }, headers: { 'x-api-key': created.secret } });
  }
  // A manager's key asking for more than a manager holds (users:write is the admin's): it gets only what both grant.
  const manager = await t.userWith(['manager']);
  const scopes = ['users:write', 'customers:read', 'audit:read'];
  const created = (await manager.client.data(CreateApiKeyDocument, { input: { name: 'manager overreach', scopes } })).createApiKey;
  probers.push({ label: `manager's key ${scopes.join(' ')}`, caller: { kind: 'apiKey', apiKeyId: created.id, ownerId: manager.id, scopes, ownerRoles: ['manager'] }, headers: { 'x-api-key': created.secret } });
}, 120_000);

async function codesOf(prober: Prober, query: string): Promise<{ status: number; codes: string[] }> {
  const response = await fetch(t.platform.router.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...prober.headers }, body: JSON.stringify({ query }) });
  const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
  return { status: response.status, codes: (body.errors ?? []).map((e) => String(e.extensions?.code)) };
}

function expected(field: RootField, prober: Prober): 'allowed' | 'forbidden' | 'unauthenticated' {
  return decideAccess(prober.caller, field.permissions as Permission[], policies.get(field.subgraph)!);
}

describe('who may call what, generated from the schema and the policies', () => {
  it('finds the graph’s root fields and the permissions each declares', () => {
    expect(fields.filter((f) => f.root === 'Mutation').length).toBeGreaterThan(30);
    const undeclared = fields.filter((f) => f.permissions === null).map((f) => `${f.root}.${f.name}`);
    // A new field without @Authorized must be a deliberate choice, named here.
    expect(undeclared.filter((name) => !UNDECLARED.has(name) && !name.startsWith('Query._'))).toEqual([]);
  });

  it('answers every role, scoped key and anonymous caller as the owning policy decides, with no 5xx', async () => {
    const mismatches: string[] = [];
    let checked = 0;
    const guarded = fields.filter((f) => f.permissions !== null);
    for (const field of guarded) {
      const query = probeOperation(api, field);
      await Promise.all(
        probers.map(async (prober) => {
          const want = expected(field, prober);
          const { status, codes } = await codesOf(prober, query);
          checked += 1;
          const refusedAs = codes.includes('UNAUTHENTICATED') ? 'unauthenticated' : codes.includes('FORBIDDEN') ? 'forbidden' : 'allowed';
          if (status >= 500 || codes.includes('INTERNAL_SERVER_ERROR')) mismatches.push(`${field.root}.${field.name} as ${prober.label}: HTTP ${status} ${codes.join(',')}`);
          else if (refusedAs !== want && !(want === 'allowed' && prober.caller?.kind === 'apiKey' && PEOPLE_ONLY.has(`${field.root}.${field.name}`))) mismatches.push(`${field.root}.${field.name} as ${prober.label}: expected ${want}, got ${refusedAs} (${codes.join(',') || 'no error'})`);
        }),
      );
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBe(guarded.length * probers.length);
  }, 180_000);

  it('never lets a key do more than its owner may', async () => {
    const overreach = probers.find((p) => p.label.startsWith("manager's key"))!;
    expect((await codesOf(overreach, 'query { users(first: 1) { totalCount } }')).codes).toEqual([]);
    expect((await codesOf(overreach, probeOperation(api, fields.find((f) => f.name === 'updateUser')!))).codes).toContain('FORBIDDEN');
    expect((await codesOf(overreach, 'query { customers(first: 1) { totalCount } }')).codes).toEqual([]);
  });

  it('lets a key with only orders:read read orders and refuses it placeOrder and customers’ data', async () => {
    const orderReader = probers.find((p) => p.label === 'key orders:read')!;
    const byName = (root: string, name: string) => fields.find((f) => f.root === root && f.name === name)!;
    expect((await codesOf(orderReader, 'query { orders(first: 1) { totalCount } }')).codes).toEqual([]);
    expect((await codesOf(orderReader, probeOperation(api, byName('Mutation', 'placeOrder')))).codes).toContain('FORBIDDEN');
    expect((await codesOf(orderReader, 'query { customers(first: 1) { totalCount } }')).codes).toContain('FORBIDDEN');
  });
});
