import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, type GraphQLClient } from '../support/client.js';
import { sql } from '../support/database.js';
import { recordedEvents } from '../support/outbox.js';
import { useTestPlatform } from '../support/platform.js';
import {
  ArchiveCustomerDocument,
  CreateApiKeyDocument,
  CreateCustomerDocument,
  CustomerBasicDocument,
  CustomerDocument,
  CustomersDocument,
  UpdateCustomerDocument,
} from '../generated/graphql.js';

const t = useTestPlatform();
let sales: GraphQLClient;
let salesUserId: string;
const tag = `run-${randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  ({ client: sales, id: salesUserId } = await t.userWith(['sales']));
});

async function createCustomer(name: string, extra: Record<string, unknown> = {}) {
  return (await sales.data(CreateCustomerDocument, { input: { name, tags: [tag], ...extra } })).createCustomer;
}

describe('customers through the router', () => {
  it('lets sales create a customer with addresses and tags, normalized', async () => {
    const created = await createCustomer('  Acme Test Ltd ', {
      email: 'Billing@Acme.TEST',
      currency: 'gbp',
      billingAddress: { line1: '1 Main St', city: 'London', country: 'gb' },
    });
    expect(created).toMatchObject({ name: 'Acme Test Ltd', email: 'billing@acme.test', currency: 'GBP', kind: 'COMPANY', archived: false, version: 1 });
    expect(created.billingAddress).toMatchObject({ country: 'GB', city: 'London' });
    const fetched = await sales.data(CustomerDocument, { id: created.id });
    expect(fetched.customer.name).toBe('Acme Test Ltd');
  });

  it('lists with totalCount, filters, sorts and pages with cursors', async () => {
    const names = ['Delta', 'Alpha', 'Charlie', 'Bravo', 'Echo'].map((n) => `${n} ${tag}`);
    for (const name of names) await createCustomer(name);
    const filter = { tag, search: tag };
    const first = await sales.data(CustomersDocument, { first: 2, filter, orderBy: { field: 'NAME', direction: 'ASC' } });
    expect(first.customers.totalCount).toBe(5);
    expect(first.customers.edges.map((e) => e.node.name)).toEqual([`Alpha ${tag}`, `Bravo ${tag}`]);
    const second = await sales.data(CustomersDocument, { first: 2, after: first.customers.pageInfo.endCursor, filter, orderBy: { field: 'NAME', direction: 'ASC' } });
    expect(second.customers.edges.map((e) => e.node.name)).toEqual([`Charlie ${tag}`, `Delta ${tag}`]);
    const last = await sales.data(CustomersDocument, { first: 2, after: second.customers.pageInfo.endCursor, filter, orderBy: { field: 'NAME', direction: 'ASC' } });
    expect(last.customers.edges.map((e) => e.node.name)).toEqual([`Echo ${tag}`]);
    expect(last.customers.pageInfo.hasNextPage).toBe(false);
  });

  it('escapes LIKE wildcards in search', async () => {
    await createCustomer(`Percent 100% ${tag}`);
    await createCustomer(`Percent 1000 ${tag}`);
    const found = await sales.data(CustomersDocument, { filter: { search: '100%', tag } });
    expect(found.customers.edges.map((e) => e.node.name)).toEqual([`Percent 100% ${tag}`]);
  });

  it('refuses bad input with clear codes and changes nothing', async () => {
    const name = `Refused ${tag}`;
    const badEmail = await sales.send(CreateCustomerDocument, { input: { name, email: 'not-an-email' } });
    expect(errorCodes(badEmail)).toEqual(['BAD_USER_INPUT']);
    expect(badEmail.errors?.[0]?.extensions?.field).toBe('email');
    const blankName = await sales.send(CreateCustomerDocument, { input: { name: '   ', email: `blank-${tag}@test.erp` } });
    expect(errorCodes(blankName)).toEqual(['BAD_USER_INPUT']);
    expect(blankName.errors?.[0]?.message).toMatch(/name must not be empty/);
    const missingName = await sales.send(CreateCustomerDocument, { input: { email: `missing-${tag}@test.erp` } as never });
    expect(missingName.status).toBe(400);
    expect(errorCodes(missingName)).toEqual(['BAD_USER_INPUT']);
    const badCountry = await sales.send(CreateCustomerDocument, { input: { name, billingAddress: { line1: 'a', city: 'b', country: 'Germany' } } });
    expect(badCountry.errors?.[0]?.extensions?.field).toBe('billingAddress.country');
    const badCurrency = await sales.send(CreateCustomerDocument, { input: { name, currency: 'euro' } });
    expect(errorCodes(badCurrency)).toEqual(['BAD_USER_INPUT']);
    const written = await sql('select id from crm.customer where name = $1 or email like $2', [name, `%${tag}@test.erp`]);
    expect(written).toEqual([]);
  });

  it('answers NOT_FOUND for unknown ids and BAD_USER_INPUT for first: 1000 or a malformed cursor', async () => {
    expect(errorCodes(await sales.send(CustomerDocument, { id: randomUUID() }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await sales.send(CustomerDocument, { id: 'not-a-uuid' }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await sales.send(UpdateCustomerDocument, { id: randomUUID(), input: { name: 'x' } }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await sales.send(CustomersDocument, { first: 1000 }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await sales.send(CustomersDocument, { first: 5, after: 'bm90IGEgY3Vyc29y' }))).toEqual(['BAD_USER_INPUT']);
    const byName = await sales.data(CustomersDocument, { first: 1, orderBy: { field: 'NAME', direction: 'ASC' } });
    const mismatched = await sales.send(CustomersDocument, { first: 1, after: byName.customers.pageInfo.endCursor });
    expect(mismatched.errors?.[0]?.message).toMatch(/another ordering/);
  });

  it('refuses a stale update with CONFLICT and keeps the first writer’s change', async () => {
    const created = await createCustomer(`Versioned ${tag}`);
    const updated = await sales.data(UpdateCustomerDocument, { id: created.id, input: { phone: '+44 20 1234', expectedVersion: created.version } });
    expect(updated.updateCustomer.version).toBe(created.version + 1);
    const stale = await sales.send(UpdateCustomerDocument, { id: created.id, input: { phone: '+1 555', expectedVersion: created.version } });
    expect(errorCodes(stale)).toEqual(['CONFLICT']);
    const [row] = await sql<{ phone: string }>('select phone from crm.customer where id = $1', [created.id]);
    expect(row!.phone).toBe('+44 20 1234');
  });

  it('archives: gone from lists unless asked for, still readable by id', async () => {
    const created = await createCustomer(`Archived ${tag}`);
    await sales.data(ArchiveCustomerDocument, { id: created.id });
    const listed = await sales.data(CustomersDocument, { filter: { search: `Archived ${tag}` } });
    expect(listed.customers.totalCount).toBe(0);
    const withArchived = await sales.data(CustomersDocument, { filter: { search: `Archived ${tag}`, includeArchived: true } });
    expect(withArchived.customers.edges[0]?.node.archived).toBe(true);
  });
});

describe('who may see and change customers', () => {
  it('asks anonymous callers to sign in', async () => {
    expect(errorCodes(await t.anonymous.send(CustomersDocument, { first: 5 }))).toEqual(['UNAUTHENTICATED']);
  });

  it('forbids roles without the permission', async () => {
    const hr = (await t.userWith(['hr'])).client;
    expect(errorCodes(await hr.send(CustomersDocument, { first: 5 }))).toEqual(['FORBIDDEN']);
    const accountant = (await t.userWith(['accountant'])).client;
    expect((await accountant.data(CustomersDocument, { first: 1 })).customers.totalCount).toBeGreaterThan(0);
    expect(errorCodes(await accountant.send(CreateCustomerDocument, { input: { name: `Forbidden ${tag}` } }))).toEqual(['FORBIDDEN']);
    expect(await sql('select id from crm.customer where name = $1', [`Forbidden ${tag}`])).toEqual([]);
  });

  it('shows a customer user only its own customer', async () => {
    const own = await createCustomer(`Portal Own ${tag}`);
    const other = await createCustomer(`Portal Other ${tag}`);
    const portal = (await t.userWith(['customer'], { customerId: own.id })).client;
    const listed = await portal.data(CustomersDocument, { first: 100 });
    expect(listed.customers.totalCount).toBe(1);
    expect(listed.customers.edges.map((e) => e.node.id)).toEqual([own.id]);
    expect((await portal.data(CustomerBasicDocument, { id: own.id })).customer.id).toBe(own.id);
    expect(errorCodes(await portal.send(CustomerBasicDocument, { id: other.id }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await portal.send(UpdateCustomerDocument, { id: own.id, input: { name: 'Hacked' } }))).toEqual(['FORBIDDEN']);

    const unlinked = (await t.userWith(['customer'])).client;
    expect((await unlinked.data(CustomersDocument, { first: 5 })).customers.totalCount).toBe(0);
  });

  it('lets a partner API key with customers:read list every customer', async () => {
    const key = (await t.admin.data(CreateApiKeyDocument, { input: { name: 'crm partner', scopes: ['customers:read'] } })).createApiKey;
    const partner = t.anonymous.withHeaders({ 'x-api-key': key.secret });
    const own = await createCustomer(`Partner visible ${tag}`);
    const listed = await partner.data(CustomersDocument, { first: 5, filter: { tag } });
    expect(listed.customers.totalCount).toBeGreaterThan(1);
    expect((await partner.data(CustomerBasicDocument, { id: own.id })).customer.name).toBe(own.name);
    expect(errorCodes(await partner.send(CreateCustomerDocument, { input: { name: 'Nope' } }))).toEqual(['FORBIDDEN']);
  });
});

describe('customer events', () => {
  it('records customer.created with the customer and who created it, in the transaction that creates it', async () => {
    const created = await createCustomer(`Evented ${randomUUID().slice(0, 6)}`, { email: 'Events@Acme.TEST', currency: 'usd', kind: 'INDIVIDUAL' });
    expect(await recordedEvents('crm', created.id)).toEqual([
      {
        type: 'customer.created',
        aggregateId: created.id,
        payload: { customerId: created.id, name: created.name, kind: 'INDIVIDUAL', email: 'events@acme.test', currency: 'USD', tags: [tag], leadId: null, at: expect.any(String), byUserId: salesUserId },
      },
    ]);
  });

  it('records nothing for a refused customer', async () => {
    const before = await recordedEvents('crm');
    expect(errorCodes(await sales.send(CreateCustomerDocument, { input: { name: 'Refused', currency: 'EURO' } }))).toEqual(['BAD_USER_INPUT']);
    expect(await recordedEvents('crm')).toEqual(before);
  });
});
