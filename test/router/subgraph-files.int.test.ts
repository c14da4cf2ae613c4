import { request } from 'node:http';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GraphQLClient } from '../support/client.js';
import { customerAndProducts } from '../support/commerce.js';
import { useTestPlatform } from '../support/platform.js';
import { CreateApiKeyDocument, CreateInvoiceDocument } from '../generated/graphql.js';

const t = useTestPlatform();
let sales: GraphQLClient;
let portalToken: string;
let ownInvoiceId: string;
let otherInvoiceId: string;

async function draftInvoice(customerId: string): Promise<string> {
  const input = { customerId, currency: 'EUR', lines: [{ description: 'Consulting', quantity: 1, unitPrice: '100.00', taxRate: '20' }] };
  return (await sales.data(CreateInvoiceDocument, { input })).createInvoice.id;
}

/** Sends the path exactly as written: fetch would resolve `..` and re-encode before it leaves. */
function rawGet(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(t.platform.router.url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  sales = (await t.userWith(['sales'])).client;
  const own = (await customerAndProducts(sales, [])).customer;
  const other = (await customerAndProducts(sales, [])).customer;
  ownInvoiceId = await draftInvoice(own.id);
  otherInvoiceId = await draftInvoice(other.id);
  portalToken = (await t.userWith(['customer'], { customerId: own.id })).client.headers.authorization!;
});

const fileUrl = (path: string) => `${t.platform.router.url}/files/${path}`;

describe('files a subgraph serves through the router', () => {
  it('reach the subgraph as the caller: a customer gets its own invoice’s PDF and not another customer’s', async () => {
    const own = await fetch(fileUrl(`billing/invoices/${ownInvoiceId}/pdf`), { headers: { authorization: portalToken, 'x-request-id': 'files-request-0001' } });
    expect(own.status).toBe(200);
    expect(own.headers.get('content-type')).toBe('application/pdf');
    expect(own.headers.get('content-disposition')).toBe(`inline; filename="draft-${ownInvoiceId}.pdf"`);
    expect(own.headers.get('x-request-id')).toBe('files-request-0001');
    const pdf = Buffer.from(await own.arrayBuffer());
    expect(pdf.length).toBe(Number(own.headers.get('content-length')));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

    const other = await fetch(fileUrl(`billing/invoices/${otherInvoiceId}/pdf`), { headers: { authorization: portalToken } });
    expect(other.status).toBe(404);
    expect(other.headers.get('content-type')).toBe('application/json');
  });

  it('accept an API key like /graphql does', async () => {
    const key = (await t.admin.data(CreateApiKeyDocument, { input: { name: 'invoice archive', scopes: ['invoices:read'] } })).createApiKey;
    const response = await fetch(fileUrl(`billing/invoices/${otherInvoiceId}/pdf`), { headers: { 'x-api-key': key.secret } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
  });

  it('answer 401 without credentials or with bad ones, before asking the subgraph', async () => {
    for (const headers of [{}, { authorization: 'Bearer not-a-token' }, { 'x-api-key': 'erp_not_a_key' }]) {
      const response = await fetch(fileUrl(`billing/invoices/${ownInvoiceId}/pdf`), { headers });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: expect.any(String) });
    }
  });

  it('answer 404 for a subgraph the supergraph does not name', async () => {
    for (const subgraph of ['payroll', 'constructor', '__proto__']) {
      const response = await fetch(fileUrl(`${subgraph}/invoices/${ownInvoiceId}/pdf`), { headers: { authorization: portalToken } });
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: expect.any(String) });
    }
  });

  it('answer 400 for a path that could leave the subgraph’s files', async () => {
    for (const path of [
      `/files/billing/../identity/files/x`,
      `/files/billing/invoices/%2e%2e/%2e%2e/graphql`,
      `/files/billing/invoices%2F${ownInvoiceId}%2Fpdf`,
      `/files/billing//invoices/${ownInvoiceId}/pdf`,
      `/files/billing`,
    ]) {
      const response = await rawGet(path, { authorization: portalToken });
      expect(response.status, path).toBe(400);
      expect(JSON.parse(response.body), path).toEqual({ error: expect.any(String) });
    }
  });

  it('answer 405 to anything but GET', async () => {
    const response = await fetch(fileUrl(`billing/invoices/${ownInvoiceId}/pdf`), { method: 'POST', headers: { authorization: portalToken } });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
  });
});
