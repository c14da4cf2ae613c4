import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
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
    const error = await failure(new PeerClient({ crm: hung }, 'secret', 200).query(ctx, 'crm', '{ __typename }', {}));
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(error.code).toBe('SUBGRAPH_UNAVAILABLE');
    expect(error.extensions).toMatchObject({ subgraph: 'crm', retryable: true });
    expect(error.message).toMatch(/crm.*200 ms/);
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

  it('keeps a peer’s own refusals as they are', async () => {
    const refusing = await serve((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: 'no', extensions: { code: 'FORBIDDEN' } }] })));
    expect((await failure(new PeerClient({ crm: refusing }, 'secret').query(ctx, 'crm', '{ __typename }', {}))).code).toBe('FORBIDDEN');
  });
});
