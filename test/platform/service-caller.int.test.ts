import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { serviceCaller, signedHeaders, type Caller } from '@erp/platform';
import { CreateCustomerDocument, CreateInvoiceDocument } from '../generated/graphql.js';
import { TEST_ROUTER_SECRET } from '../support/constants.js';
import { useTestPlatform } from '../support/platform.js';

const t = useTestPlatform();

/** What a subgraph's job sends another subgraph: its service caller, signed like the router signs a user. */
function signedAs(caller: Caller): Record<string, string> {
  return signedHeaders({ caller, requestId: `job-${randomUUID()}` }, TEST_ROUTER_SECRET);
}

async function customersAs(caller: Caller) {
  const response = await fetch(`${t.platform.subgraphs.crm!.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signedAs(caller) },
    body: JSON.stringify({ query: '{ customers(first: 1) { totalCount } }' }),
  });
  return (await response.json()) as { data?: { customers: { totalCount: number } } | null; errors?: { extensions?: { code?: string } }[] };
}

describe('a service caller (a subgraph’s background jobs)', () => {
  it('holds exactly the scopes it declares: crm answers with customers:read and refuses without it', async () => {
    await t.admin.data(CreateCustomerDocument, { input: { name: `Service reader ${randomUUID().slice(0, 6)}` } });
    const allowed = await customersAs(serviceCaller('notifications', ['customers:read']));
    expect(allowed.data?.customers.totalCount).toBeGreaterThanOrEqual(1);
    const refused = await customersAs(serviceCaller('notifications', ['invoices:read']));
    expect(refused.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
  });

  it('reads a file route only with the route’s permission', async () => {
    const customer = (await t.admin.data(CreateCustomerDocument, { input: { name: `Billed ${randomUUID().slice(0, 6)}` } })).createCustomer;
    const invoice = (
      await t.admin.data(CreateInvoiceDocument, {
        input: { customerId: customer.id, currency: 'EUR', lines: [{ description: 'Consulting', quantity: 2, unitPrice: '50.00', taxRate: '20' }] },
      })
    ).createInvoice;
    const pdf = (caller: Caller) => fetch(`${t.platform.subgraphs.billing!.url}/files/invoices/${invoice.id}/pdf`, { headers: signedAs(caller) });

    const allowed = await pdf(serviceCaller('notifications', ['invoices:read']));
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('content-type')).toBe('application/pdf');
    expect((await pdf(serviceCaller('notifications', ['customers:read']))).status).toBe(403);
    expect((await pdf(serviceCaller('reporting'))).status).toBe(403);
    expect((await pdf({ kind: 'router' })).status).toBe(401);
  });
});
