import { describe, expect, it } from 'vitest';
import { useTestPlatform } from '../support/platform.js';

const t = useTestPlatform();

async function post(query: string): Promise<{ status: number; body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] } }> {
  const response = await fetch(t.admin.url, { method: 'POST', headers: { 'content-type': 'application/json', ...t.admin.headers }, body: JSON.stringify({ query }) });
  return { status: response.status, body: (await response.json()) as never };
}

describe('operations larger than the router allows', () => {
  it('are refused with a stable code before any subgraph runs a statement', async () => {
    const nested = `{ customers(first: 1) { edges { node { orders { edges { node { customer { orders { edges { node { customer { orders { edges { node { customer { name } } } } } } } } } } } } } } } }`;
    const aliased = `{ ${Array.from({ length: 31 }, (_, i) => `c${i}: customers(first: 1) { totalCount }`).join(' ')} }`;
    // The router's first request with a token fetches identity's signing keys: not what is counted here.
    await post('{ __typename }');
    for (const [query, code] of [
      [nested, 'MAX_DEPTH_EXCEEDED'],
      [aliased, 'MAX_ROOT_FIELDS_EXCEEDED'],
    ] as const) {
      const { result, statements } = await t.statementsDuring(() => post(query));
      expect(result.status).toBeLessThan(500);
      expect(result.body.errors?.[0]?.extensions?.code, JSON.stringify(result.body)).toBe(code);
      expect(result.body.data).toBeUndefined();
      expect(statements, JSON.stringify(statements)).toEqual([]);
    }
  });

  it('refuses many aliases of one field, and still answers an operation within the limits', async () => {
    const aliases = `{ customers(first: 1) { edges { node { ${Array.from({ length: 31 }, (_, i) => `n${i}: name`).join(' ')} } } } }`;
    const refused = await post(aliases);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('MAX_ALIASES_EXCEEDED');
    const fine = await post('{ customers(first: 1) { edges { node { a: name b: email } } } }');
    expect(fine.status).toBe(200);
    expect(fine.body.errors).toBeUndefined();
  });
});
