import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { signContext } from '@erp/platform';
import { TEST_ROUTER_SECRET } from '../support/constants.js';
import { useTestPlatform } from '../support/platform.js';

const t = useTestPlatform();

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
}

describe('the router speaks GraphQL over HTTP', () => {
  it('answers GET queries and negotiates application/graphql-response+json', async () => {
    const url = `${t.platform.router.graphqlUrl}?query=${encodeURIComponent('{ __typename }')}`;
    const response = await fetch(url, { headers: { accept: 'application/graphql-response+json' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    expect(await response.json()).toMatchObject({ data: { __typename: 'Query' }, extensions: { cost: { requestedQueryCost: 0 } } });
  });

  it('refuses mutations over GET with 405', async () => {
    const url = `${t.platform.router.graphqlUrl}?query=${encodeURIComponent('mutation { logout }')}`;
    const response = await fetch(url, { headers: { accept: 'application/graphql-response+json', 'apollo-require-preflight': 'true' } });
    expect(response.status).toBe(405);
  });

  it('answers 400 with GRAPHQL_PARSE_FAILED / GRAPHQL_VALIDATION_FAILED for broken documents', async () => {
    const accept = { accept: 'application/graphql-response+json' };
    const parse = await post(t.platform.router.graphqlUrl, { query: '{ me {' }, accept);
    expect(parse.status).toBe(400);
    expect(parse.body.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    const invalid = await post(t.platform.router.graphqlUrl, { query: '{ noSuchField }' }, accept);
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('passes a request id through and makes one when none is given', async () => {
    const given = await post(t.platform.router.graphqlUrl, { query: '{ __typename }' }, { 'x-request-id': 'trace-abc-123456' });
    expect(given.headers.get('x-request-id')).toBe('trace-abc-123456');
    const made = await post(t.platform.router.graphqlUrl, { query: '{ __typename }' });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses a WebSocket upgrade anywhere but /graphql', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const socket = new WebSocket(`${t.platform.router.url.replace(/^http/, 'ws')}/health`, 'graphql-transport-ws');
      socket.on('unexpected-response', (request, response) => {
        request.destroy();
        resolve(response.statusCode ?? 0);
      });
      socket.on('open', () => reject(new Error('the upgrade was accepted')));
      socket.on('error', () => undefined);
    });
    expect(status).toBe(400);
  });

  it('answers /health and /ready', async () => {
    expect((await fetch(`${t.platform.router.url}/health`)).status).toBe(200);
    const ready = await fetch(`${t.platform.router.url}/ready`);
    expect(ready.status).toBe(200);
    for (const subgraph of Object.values(t.platform.subgraphs)) {
      expect((await fetch(`${subgraph.url}/ready`)).status).toBe(200);
    }
  });
});

describe('subgraphs answer only the router', () => {
  const entities = { query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { email } } }', variables: { r: [] } };

  it('refuses a request without the router signature, even for _entities and _service', async () => {
    for (const subgraph of Object.values(t.platform.subgraphs)) {
      for (const body of [{ query: '{ _service { sdl } }' }, entities]) {
        const result = await post(`${subgraph.url}/graphql`, body);
        expect(result.status).toBe(401);
        expect(result.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
        expect(result.body.data).toBeUndefined();
      }
    }
  });

  it('refuses a captured signature replayed for another request, or signed with another secret', async () => {
    const identity = t.platform.subgraphs.identity!;
    const caller = { kind: 'user' as const, userId: 'u', roles: ['admin' as const] };
    const header = signContext({ caller, requestId: 'captured-request-1' }, TEST_ROUTER_SECRET);
    const replay = await post(`${identity.url}/graphql`, { query: '{ __typename }' }, { 'x-erp-context': header, 'x-request-id': 'another-request-2' });
    expect(replay.status).toBe(401);
    const forged = signContext({ caller, requestId: 'req-forged-1' }, 'guessed-secret');
    const forgedResult = await post(`${identity.url}/graphql`, { query: '{ __typename }' }, { 'x-erp-context': forged, 'x-request-id': 'req-forged-1' });
    expect(forgedResult.status).toBe(401);
    const genuine = await post(`${identity.url}/graphql`, { query: '{ __typename }' }, { 'x-erp-context': header, 'x-request-id': 'captured-request-1' });
    expect(genuine.status).toBe(200);
  });

  it('refuses API key verification to anyone but the router', async () => {
    const response = await fetch(`${t.platform.subgraphs.identity!.url}/internal/api-keys/verify`, { method: 'POST', body: '{"secret":"erp_x"}' });
    expect(response.status).toBe(401);
  });
});
