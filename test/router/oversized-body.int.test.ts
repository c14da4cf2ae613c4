import { Readable } from 'node:stream';
import { Client } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { useTestPlatform } from '../support/platform.js';

const t = useTestPlatform();
const clients: Client[] = [];
afterAll(async () => {
  for (const client of clients) await client.close();
});

/** One keep-alive connection to the router, and a count of the connections the router accepted meanwhile. */
function oneConnection() {
  const client = new Client(t.platform.router.url, { pipelining: 1 });
  clients.push(client);
  let accepted = 0;
  t.platform.router.server.on('connection', () => (accepted += 1));
  return { client, accepted: () => accepted };
}

const post = (client: Client, body: string) =>
  client.request({ method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json' }, body });

describe('an oversized request body', () => {
  it('is refused with 413 PAYLOAD_TOO_LARGE, and the next request on the same connection is answered', async () => {
    const { client, accepted } = oneConnection();
    const huge = JSON.stringify({ query: '{ __typename }', variables: { padding: 'x'.repeat(5 * 1024 * 1024) } });
    const refused = await post(client, huge);
    expect(refused.statusCode).toBe(413);
    const refusal = (await refused.body.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(refusal.errors[0]!.extensions.code).toBe('PAYLOAD_TOO_LARGE');
    expect(refusal.errors[0]!.message).toMatch(/larger than 1 MB/);
    expect(refused.headers.connection).not.toBe('close');

    const next = await post(client, JSON.stringify({ query: '{ __typename }' }));
    expect(next.statusCode).toBe(200);
    expect(await next.body.json()).toMatchObject({ data: { __typename: 'Query' } });
    expect(accepted()).toBe(1);
  });

  it('sent in chunks without a length is refused the same way, and the connection still serves', async () => {
    const { client, accepted } = oneConnection();
    const chunk = Buffer.alloc(256 * 1024, 'y');
    async function* chunked() {
      yield Buffer.from('{"query":"{ __typename }","variables":{"padding":"');
      for (let i = 0; i < 20; i += 1) yield chunk;
      yield Buffer.from('"}}');
    }
    const refused = await client.request({ method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json' }, body: Readable.from(chunked()) });
    expect(refused.statusCode).toBe(413);
    await refused.body.json();
    const next = await post(client, JSON.stringify({ query: '{ __typename }' }));
    expect(await next.body.json()).toMatchObject({ data: { __typename: 'Query' } });
    expect(accepted()).toBe(1);
  });

  it('of a body just under the limit is still read and answered', async () => {
    const { client } = oneConnection();
    const body = JSON.stringify({ query: '{ __typename }', variables: { padding: 'z'.repeat(1024 * 1024 - 100) } });
    const answered = await post(client, body);
    expect(answered.statusCode).toBe(200);
    expect(await answered.body.json()).toMatchObject({ data: { __typename: 'Query' } });
  });
});
