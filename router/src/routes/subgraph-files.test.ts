import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger, keepAlivePool, startHttpServer, verifyContext, type Caller } from '@erp/platform';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Authenticate } from '../plugins/use-auth.js';
import { useSignedContext } from '../plugins/use-signed-context.js';
import { parseFilesPath, subgraphFilesRoute } from './subgraph-files.js';

describe('files paths', () => {
  it('names a subgraph and the path it serves the file at', () => {
    expect(parseFilesPath('/files/billing/invoices/42/pdf')).toEqual({ subgraph: 'billing', path: '/files/invoices/42/pdf' });
    expect(parseFilesPath('/files/billing/report%20may.csv')).toEqual({ subgraph: 'billing', path: '/files/report%20may.csv' });
  });

  it('refuses paths that could step outside the subgraph’s files', () => {
    for (const path of [
      '/files/billing/../identity/x',
      '/files/billing/invoices/%2e%2e/x',
      '/files/billing/.%2E/x',
      '/files/billing/./x',
      '/files/billing/a%2Fb',
      '/files/billing/a%2fb',
      '/files/billing/a%5Cb',
      '/files/billing/a\\b',
      '/files/billing//x',
      '/files/billing/x/',
      '/files//x',
      '/files/..%2Fidentity/x',
      '/files/billing/%zz',
      '/files/billing/a%00b',
      '/files/billing',
      '/files/',
      '/invoices/1/pdf',
    ]) {
      expect(parseFilesPath(path), path).toBeNull();
    }
  });
});

describe('the files route', () => {
  const caller: Caller = { kind: 'user', userId: 'u-1', roles: ['accountant'] };
  const authenticate: Authenticate = async (credentials) => (credentials.bearer === 'good' ? caller : null);
  const agent = new Agent();
  const received: { url?: string; headers?: IncomingHttpHeaders } = {};
  const subgraph = createServer((req, res) => {
    Object.assign(received, { url: req.url, headers: req.headers });
    res.writeHead(200, { 'content-type': 'text/csv', 'content-length': 8, 'content-disposition': 'attachment; filename="may.csv"', 'set-cookie': 'internal=1', 'x-internal': 'yes' });
    res.end('a,b\n1,2\n');
  });
  let router: Awaited<ReturnType<typeof startHttpServer>>;

  beforeAll(async () => {
    await new Promise<void>((resolve) => subgraph.listen(0, '127.0.0.1', resolve));
    const files = subgraphFilesRoute({
      subgraphs: new Map([['reports', `http://127.0.0.1:${(subgraph.address() as AddressInfo).port}`]]),
      agent,
      authenticate,
      contextFor: useSignedContext({ routerSecret: 'a-secret', log: createLogger('router-test') }),
    });
    router = await startHttpServer({ port: 0, handle: files });
  });

  afterAll(async () => {
    await router.close();
    subgraph.close();
    await agent.close();
  });

  it('forwards the path under /files and the query, signed as the caller, and passes back the file and its headers only', async () => {
    const response = await fetch(`${router.url}/files/reports/2026/may%20sales.csv?format=csv&x=1`, {
      headers: { authorization: 'Bearer good', 'x-request-id': 'files-unit-0001', cookie: 'session=1' },
    });
    expect(received.url).toBe('/files/2026/may%20sales.csv?format=csv&x=1');
    expect(received.headers?.['x-request-id']).toBe('files-unit-0001');
    expect(verifyContext(received.headers?.['x-erp-context'] as string, 'files-unit-0001', 'a-secret')).toMatchObject({ ok: true, context: { caller } });
    expect(received.headers?.cookie).toBeUndefined();
    expect(received.headers?.authorization).toBeUndefined();

    expect(response.status).toBe(200);
    expect(await response.text()).toBe('a,b\n1,2\n');
    expect(response.headers.get('content-type')).toBe('text/csv');
    expect(response.headers.get('content-length')).toBe('8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="may.csv"');
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(response.headers.get('x-internal')).toBeNull();
  });
});

describe('the files route, when the subgraph does not answer', () => {
  it('answers 503 naming the subgraph once the pool’s deadline has passed', async () => {
    const hung = createServer(() => undefined);
    await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
    const agent = keepAlivePool({ timeoutMs: 200 });
    const files = subgraphFilesRoute({
      subgraphs: new Map([['billing', `http://127.0.0.1:${(hung.address() as AddressInfo).port}`]]),
      agent,
      authenticate: async () => ({ kind: 'user', userId: 'u-1', roles: ['accountant'] }),
      contextFor: useSignedContext({ routerSecret: 'a-secret', log: createLogger('router-test') }),
    });
    const router = await startHttpServer({ port: 0, handle: files });
    try {
      const started = Date.now();
      const response = await fetch(`${router.url}/files/billing/invoices/1/pdf`, { headers: { authorization: 'Bearer good' } });
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'billing' });
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      await router.close();
      hung.closeAllConnections();
      hung.close();
      await agent.destroy();
    }
  });
});
