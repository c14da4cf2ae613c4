import { readFileSync } from 'node:fs';
import { buildSchema } from 'graphql';
import { Client } from 'undici';
import { describe, expect, it } from 'vitest';
import { SUPERGRAPH_PATH } from '@erp/app';
import { supergraphApiSdl } from '@erp/platform';
import { sql } from '../support/database.js';
import { settled } from '../support/settled.js';
import { useTestPlatform } from '../support/platform.js';
import { everyStringOperation, rootFields } from './graph-access.js';

/**
 * A generated batch of malformed and hostile requests, sent one after another on ONE keep-alive connection, as the
 * admin and anonymously: each must get a clear error (a JSON body naming a stable code, never a 5xx), the connection
 * must survive every one of them (a reset fails the request that follows), and the database must be as it was.
 */
const t = useTestPlatform();
const supergraph = readFileSync(SUPERGRAPH_PATH, 'utf8');
const api = buildSchema(supergraphApiSdl(supergraph));

const INJECTIONS = [
  `'; drop table crm.customer; --`,
  `" or 1=1 --`,
  `%' or name like '%`,
  `\\'; select pg_sleep(5); --`,
  `<script>alert(1)</script>`,
  `{{7*7}} \${7*7} #{7*7}`,
  `../../../../etc/passwd`,
  `\u0000\u0001 nul and control`,
  `\u202e right-to-left 🧨 𝔘𝔫𝔦𝔠𝔬𝔡𝔢`,
  `x`.repeat(20_000),
];

interface Hostile {
  label: string;
  method?: 'GET' | 'POST';
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  asAdmin?: boolean;
}

function json(value: unknown): string {
  return JSON.stringify(value);
}

function nested(depth: number): string {
  let inner = 'name';
  for (let i = 0; i < depth; i += 1) inner = i % 2 === 0 ? `customer { orders { edges { node { ${inner} } } } }` : `orders { edges { node { customer { ${inner} } } } }`;
  return `{ order(id: "00000000-0000-0000-0000-000000000000") { ${inner} } }`;
}

function hostileBatch(): Hostile[] {
  const batch: Hostile[] = [];
  const query = (label: string, document: string, variables?: unknown, asAdmin = true) => batch.push({ label, body: json({ query: document, variables }), asAdmin });
  // Size and shape.
  for (const depth of [8, 20, 60]) query(`nested ${depth}`, nested(depth));
  for (const first of [101, 100_000, 2_147_483_647, -1, 0]) query(`customers(first: ${first})`, `{ customers(first: ${first}) { edges { node { id } } } }`);
  query('first beyond Int', '{ customers(first: 2147483648) { totalCount } }');
  for (const count of [31, 200, 2_000]) query(`${count} aliases`, `{ customers(first: 1) { edges { node { ${Array.from({ length: count }, (_, i) => `a${i}: name`).join(' ')} } } } }`);
  query('50 root fields', `{ ${Array.from({ length: 50 }, (_, i) => `c${i}: customers(first: 1) { totalCount }`).join(' ')} }`);
  query('dear nested lists', '{ customers(first: 100) { edges { node { orders(first: 100) { edges { node { lines { product { name } } } } } } } } }');
  query('fragment cycle', '{ customers(first: 1) { ...A } } fragment A on CustomerConnection { ...B } fragment B on CustomerConnection { ...A }');
  query('10,000 directives', `{ customers(first: 1) { totalCount ${'@skip(if: false) '.repeat(10_000)} } }`);
  query('huge field name', `{ ${'f'.repeat(100_000)} }`);
  query('unknown field', '{ customers(first: 1) { passwordHash } }');
  query('subscription over HTTP', 'subscription { orderStatusChanged { id } }');
  query('two operations, none named', 'query A { __typename } query B { __typename }');
  batch.push({ label: 'unknown operationName', body: json({ query: 'query A { __typename }', operationName: 'Nope' }), asAdmin: true });
  // Variables.
  const list = 'query L($first: Int, $filter: CustomerFilter) { customers(first: $first, filter: $filter) { totalCount } }';
  for (const variables of [{ first: 'ten' }, { first: 1.5 }, { first: [1] }, { first: { $gt: 1 } }, { filter: 'x' }, { filter: { unknown: 1 } }, { filter: { search: 7 } }, 'not an object', [1, 2], { __proto__: { polluted: true }, first: 1 }]) {
    query(`variables ${JSON.stringify(variables).slice(0, 40)}`, list, variables);
  }
  query('missing required variable', 'query C($id: ID!) { customer(id: $id) { name } }', {});
  query('id that is no uuid', 'query C($id: ID!) { customer(id: $id) { name } }', { id: `' or '1'='1` });
  // Injection strings in every String argument of every root field: reads as the admin, writes anonymously (refused
  // before any resolver, so that nothing is written) and as the admin where every id names nothing.
  for (const field of rootFields(supergraph)) {
    for (const text of INJECTIONS) {
      const document = everyStringOperation(api, field, JSON.stringify(text));
      if (!document) continue;
      if (field.root === 'Query') query(`${field.name} with ${text.slice(0, 20)}`, document);
      else query(`${field.name} with ${text.slice(0, 20)}`, document, undefined, false);
    }
  }
  // Bodies that are not GraphQL over HTTP.
  const raw = (label: string, body: string | Buffer, headers: Record<string, string> = { 'content-type': 'application/json' }) => batch.push({ label, body, headers });
  raw('broken JSON', '{"query": "{ __typename }"');
  raw('not JSON', 'hello');
  raw('JSON null', 'null');
  raw('JSON number', '5');
  raw('query not a string', json({ query: 5 }));
  raw('empty body', '');
  raw('batch of 100', json(Array.from({ length: 100 }, () => ({ query: '{ __typename }' }))));
  raw('text/plain', '{ __typename }', { 'content-type': 'text/plain' });
  raw('unknown content type', json({ query: '{ __typename }' }), { 'content-type': 'application/x-evil' });
  raw('2 MB body', json({ query: `{ __typename } # ${'x'.repeat(2 * 1024 * 1024)}` }));
  raw('5 MB body', Buffer.alloc(5 * 1024 * 1024, 0x61));
  raw('invalid UTF-8', Buffer.from([0x7b, 0x22, 0x71, 0xff, 0xfe, 0x22, 0x7d]));
  batch.push({ label: 'mutation over GET', method: 'GET', path: `?query=${encodeURIComponent('mutation { logout }')}`, asAdmin: true });
  batch.push({ label: 'GET without query', method: 'GET', path: '?variables=%7B%7D' });
  batch.push({ label: 'GET with broken variables', method: 'GET', path: `?query=${encodeURIComponent('{ __typename }')}&variables=%7B` });
  return batch;
}

/** Every table of the subgraphs' schemas, as a fingerprint of its rows. */
async function snapshot(): Promise<Record<string, string>> {
  const tables = await sql<{ name: string }>(
    `select format('%I.%I', table_schema, table_name) as name from information_schema.tables
      where table_schema in ('identity','crm','catalog','sales','billing','notifications') and table_type = 'BASE TABLE' order by 1`,
  );
  const prints: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await sql<{ print: string | null }>(`select md5(string_agg(t::text, '|' order by t::text)) as print from ${name} t`);
    prints[name] = row!.print ?? 'empty';
  }
  return prints;
}

describe('a hostile batch of requests', () => {
  it('gets a clear error for each, on one connection that survives them all, and changes nothing', async () => {
    const batch = hostileBatch();
    expect(batch.length).toBeGreaterThan(200);
    const url = new URL(t.platform.router.graphqlUrl);
    // Let the work of signing in settle (outbox relays, consumers), so any change afterwards is the batch's.
    await settled();
    const before = await snapshot();

    const client = new Client(url.origin, { pipelining: 1, keepAliveTimeout: 60_000 });
    const problems: string[] = [];
    let connections = 0;
    client.on('connect', () => (connections += 1));
    try {
      for (const hostile of batch) {
        const headers = { ...(hostile.headers ?? { 'content-type': 'application/json' }), ...(hostile.asAdmin ? t.admin.headers : {}) };
        let status = 0;
        let text = '';
        try {
          const response = await client.request({ path: `${url.pathname}${hostile.path ?? ''}`, method: hostile.method ?? 'POST', headers, body: hostile.method === 'GET' ? undefined : hostile.body });
          status = response.statusCode;
          text = await response.body.text();
        } catch (error) {
          problems.push(`${hostile.label}: the request failed (${(error as Error).message})`);
          continue;
        }
        let code: unknown;
        try {
          code = (JSON.parse(text) as { errors?: { extensions?: { code?: unknown } }[] }).errors?.[0]?.extensions?.code;
        } catch {
          code = undefined;
        }
        if (status >= 500) problems.push(`${hostile.label}: HTTP ${status} ${text.slice(0, 200)}`);
        else if (typeof code !== 'string' && status !== 200) problems.push(`${hostile.label}: HTTP ${status} without an error code: ${text.slice(0, 200)}`);
        else if (code === 'INTERNAL_SERVER_ERROR') problems.push(`${hostile.label}: masked internal error`);
        // After each request, the same connection still answers a plain one.
        const probe = await client.request({ path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json' }, body: json({ query: '{ __typename }' }) }).catch((error: Error) => error);
        if (probe instanceof Error) problems.push(`${hostile.label}: the next request on the connection failed (${probe.message})`);
        else if (probe.statusCode !== 200) problems.push(`${hostile.label}: the next request got HTTP ${probe.statusCode}`);
        if (!(probe instanceof Error)) await probe.body.dump();
      }
    } finally {
      await client.close();
    }
    expect(problems).toEqual([]);
    expect(connections, 'every request went over the one connection').toBe(1);
    await settled();
    expect(await snapshot()).toEqual(before);
    // And the router still serves the admin.
    const after = await fetch(t.platform.router.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...t.admin.headers }, body: json({ query: '{ customers(first: 1) { totalCount } }' }) });
    expect(after.status).toBe(200);
  }, 300_000);
});
