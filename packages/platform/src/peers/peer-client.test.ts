import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { afterAll, describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { verifySignedRequest } from '../auth/signed-context.js';
import { InProcessPeers } from './in-process-peers.js';
import { PeerClient } from './peer-client.js';

const ctx = { caller: null, requestId: 'peer-test' };
const servers: Server[] = [];

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function failure(work: Promise<unknown>): Promise<DomainError> {
  const error = await work.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

afterAll(() => {
  for (const server of servers) {
    server.closeAllConnections();
    server.close();
  }
});

describe('PeerClient', () => {
  it('gives up on a peer that does not answer within its deadline, with a retryable SUBGRAPH_UNAVAILABLE', async () => {
    const hung = await serve(() => undefined);
    const started = Date.now();
    const error = await failure(new PeerClient({ crm: hung }, 'secret', { deadlineMs: 200 }).query(ctx, 'crm', '{ __typename }', {}));
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(error.code).toBe('SUBGRAPH_UNAVAILABLE');
    expect(error.extensions).toMatchObject({ subgraph: 'crm', retryable: true });
    expect(error.message).toMatch(/crm.*200 ms/);
  });

  it('gives up the same way on a peer that starts its answer and then stalls', async () => {
    const stalling = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"data":');
    });
    const error = await failure(new PeerClient({ catalog: stalling }, 'secret', { deadlineMs: 200 }).query(ctx, 'catalog', '{ __typename }', {}));
    expect(error.code).toBe('SUBGRAPH_UNAVAILABLE');
    expect(error.message).toMatch(/catalog.*200 ms/);
  });

  it('sends one peer’s requests over kept-alive connections, signed for the caller', async () => {
    let connections = 0;
    const signed: (string | string[] | undefined)[] = [];
    const peer = await serve((req, res) => {
      signed.push(req.headers['x-erp-context']);
      req.resume().on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{"ok":true}}'));
    });
    servers.at(-1)!.on('connection', () => (connections += 1));
    const client = new PeerClient({ crm: peer }, 'secret');
    for (let i = 0; i < 8; i += 1) expect(await client.query(ctx, 'crm', '{ ok }', {})).toEqual({ ok: true });
    // undici may open a second connection while the first is being handed back to its pool, not one per request.
    expect(connections).toBeLessThanOrEqual(2);
    expect(signed).toHaveLength(8);
    expect(signed.every((header) => typeof header === 'string' && header.includes('.'))).toBe(true);
    await client.close();
  });

  it('reports a peer that refuses connections, or answers with a gateway error, the same way', async () => {
    const closed = await serve(() => undefined);
    const server = servers.pop()!;
    await new Promise((resolve) => server.close(resolve));
    expect((await failure(new PeerClient({ sales: closed }, 'secret').query(ctx, 'sales', '{ __typename }', {}))).code).toBe('SUBGRAPH_UNAVAILABLE');
    const overloaded = await serve((_req, res) => res.writeHead(503).end('busy'));
    expect((await failure(new PeerClient({ sales: overloaded }, 'secret').fetchBytes(ctx, 'sales', '/files/x'))).code).toBe('SUBGRAPH_UNAVAILABLE');
    expect((await failure(new PeerClient({}, 'secret').query(ctx, 'ghost', '{ __typename }', {}))).code).toBe('SUBGRAPH_UNAVAILABLE');
  });

  it('fails calls at once, without sending them, while a peer’s circuit is open; a probe closes it again', async () => {
    let received = 0;
    let healthy = false;
    const peer = await serve((_req, res) => {
      received += 1;
      if (healthy) res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{"__typename":"Query"}}');
      else res.writeHead(503).end('down');
    });
    const client = new PeerClient({ crm: peer }, 'secret', { circuit: { failureThreshold: 3, openMs: 300 } });
    for (let i = 0; i < 3; i++) expect((await failure(client.query(ctx, 'crm', '{ __typename }', {}))).code).toBe('SUBGRAPH_UNAVAILABLE');
    const fast = await failure(client.query(ctx, 'crm', '{ __typename }', {}));
    expect(fast.message).toContain('failing fast');
    expect(received).toBe(3);
    healthy = true;
    await new Promise((resolve) => setTimeout(resolve, 320));
    await expect(client.query(ctx, 'crm', '{ __typename }', {})).resolves.toEqual({ __typename: 'Query' });
    await expect(client.query(ctx, 'crm', '{ __typename }', {})).resolves.toEqual({ __typename: 'Query' });
    expect(received).toBe(5);
  });

  it('reads entities by id with exactly a fragment’s selection, one result per id in their order', async () => {
    const sent: { query: string; variables: { representations: unknown[] } }[] = [];
    const peer = await serve((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk));
      req.on('end', () => {
        sent.push(JSON.parse(body) as (typeof sent)[number]);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { _entities: [{ name: 'Tea', price: { amount: '2.50' } }, null] } }));
      });
    });
    const fragment = parse('fragment ProductName on Product { name price { ...Amount } }\nfragment Amount on Money { amount }') as TypedDocumentNode<{ name: string; price: { amount: string } }, unknown>;
    const client = new PeerClient({ catalog: peer }, 'secret');
    const products = await client.entities(ctx, 'catalog', fragment, ['p1', 'p2']);
    expect(products).toEqual([{ name: 'Tea', price: { amount: '2.50' } }, null]);
    expect(sent[0]!.variables.representations).toEqual([{ __typename: 'Product', id: 'p1' }, { __typename: 'Product', id: 'p2' }]);
    expect(sent[0]!.query.replace(/\s+/g, ' ')).toBe(
      'query ProductNameEntities($representations: [_Any!]!) { _entities(representations: $representations) { ...ProductName } } ' +
        'fragment ProductName on Product { name price { ...Amount } } fragment Amount on Money { amount }',
    );
    expect(await client.entities(ctx, 'catalog', fragment, [])).toEqual([]);
    expect(sent).toHaveLength(1);
  });

  it('keeps a peer’s own refusals as they are', async () => {
    const refusing = await serve((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: 'no', extensions: { code: 'FORBIDDEN' } }] })));
    expect((await failure(new PeerClient({ crm: refusing }, 'secret').query(ctx, 'crm', '{ __typename }', {}))).code).toBe('FORBIDDEN');
  });
});

describe('PeerClient, a peer served by the same process', () => {
  /** An address nothing listens on: an answer can only have come from the process. */
  const nowhere = 'http://127.0.0.1:9/';

  it('is answered without a socket, with the request signed for the caller as over HTTP', async () => {
    const peers = new InProcessPeers();
    const received: { headers: Readonly<Record<string, string>>; body: unknown }[] = [];
    peers.serve(nowhere, async (headers, body) => {
      received.push({ headers, body });
      return { status: 200, body: '{"data":{"ok":true}}' };
    });
    const client = new PeerClient({ crm: nowhere }, 'secret', {}, peers);
    expect(await client.query(ctx, 'crm', 'query Ok($n: Int) { ok }', { n: 1 })).toEqual({ ok: true });
    expect(received[0]!.body).toEqual({ query: 'query Ok($n: Int) { ok }', variables: { n: 1 } });
    const verified = verifySignedRequest(received[0]!.headers, 'secret');
    expect(verified.ok && verified.context).toMatchObject({ caller: null, requestId: 'peer-test' });
  });

  it('keeps the deadline, the refusals and the gateway statuses of HTTP', async () => {
    const peers = new InProcessPeers();
    const answers: Record<string, () => Promise<{ status: number; body: string }>> = {
      'http://127.0.0.1:9': () => new Promise(() => undefined),
      'http://127.0.0.1:10': async () => ({ status: 200, body: JSON.stringify({ errors: [{ message: 'no', extensions: { code: 'FORBIDDEN' } }] }) }),
      'http://127.0.0.1:11': async () => ({ status: 503, body: 'busy' }),
    };
    for (const [url, answer] of Object.entries(answers)) peers.serve(url, answer);
    const client = new PeerClient({ crm: 'http://127.0.0.1:9', catalog: 'http://127.0.0.1:10', sales: 'http://127.0.0.1:11' }, 'secret', { deadlineMs: 200 }, peers);
    const started = Date.now();
    const hung = await failure(client.query(ctx, 'crm', '{ __typename }', {}));
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(hung.code).toBe('SUBGRAPH_UNAVAILABLE');
    expect(hung.message).toMatch(/crm.*200 ms/);
    expect((await failure(client.query(ctx, 'catalog', '{ __typename }', {}))).code).toBe('FORBIDDEN');
    expect((await failure(client.query(ctx, 'sales', '{ __typename }', {}))).code).toBe('SUBGRAPH_UNAVAILABLE');
  });

  it('goes over HTTP again once the peer has left the process', async () => {
    const peers = new InProcessPeers();
    const leave = peers.serve(nowhere, async () => ({ status: 200, body: '{"data":{"ok":true}}' }));
    const client = new PeerClient({ crm: nowhere }, 'secret', { deadlineMs: 500 }, peers);
    expect(await client.query(ctx, 'crm', '{ ok }', {})).toEqual({ ok: true });
    leave();
    expect((await failure(client.query(ctx, 'crm', '{ ok }', {}))).code).toBe('SUBGRAPH_UNAVAILABLE');
  });
});
