import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { errorCodes } from '../support/client.js';
import { useTestPlatform } from '../support/platform.js';
import { CreateCustomerDocument, CustomersDocument, LoginDocument } from '../generated/graphql.js';

const t = useTestPlatform();

/** The same request written by hand, the NUL in a string literal of the document rather than in a variable. */
async function sendLiteral(query: string) {
  const response = await fetch(t.platform.router.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...t.admin.headers }, body: JSON.stringify({ query }) });
  return { status: response.status, body: (await response.json()) as { errors?: { message: string; extensions?: { code?: string } }[] } };
}

describe('text holding the NUL character (U+0000), which PostgreSQL cannot store', () => {
  it('is bad input (400 BAD_USER_INPUT) naming the variable, not an outage, and writes nothing', async () => {
    const run = randomUUID().slice(0, 8);
    const login = await t.anonymous.send(LoginDocument, { email: `nul\u0000${run}@example.com`, password: 'whatever-it-is' });
    expect(login.status).toBe(400);
    expect(errorCodes(login)).toEqual(['BAD_USER_INPUT']);
    expect(login.errors![0]!.message).toContain('$email');

    const created = await t.admin.send(CreateCustomerDocument, { input: { name: `Nul ${run}`, tags: [`ok`, `bad\u0000${run}`] } });
    expect(created.status).toBe(400);
    expect(errorCodes(created)).toEqual(['BAD_USER_INPUT']);
    expect(created.errors![0]!.message).toContain('$input.tags[1]');

    const literal = await sendLiteral(`mutation { createCustomer(input: { name: "Nul \\u0000 ${run}" }) { id } }`);
    expect(literal.status).toBe(400);
    expect(literal.body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);

    const found = await t.admin.data(CustomersDocument, { first: 5, filter: { search: run } });
    expect(found.customers.totalCount).toBe(0);
  });

  it('leaves other control characters alone', async () => {
    const name = `Tab\tand bell\u0007 ${randomUUID().slice(0, 8)}`;
    const created = await t.admin.data(CreateCustomerDocument, { input: { name } });
    expect(created.createCustomer.name).toBe(name);
  });
});
