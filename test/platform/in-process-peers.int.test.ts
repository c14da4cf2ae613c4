import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CreateOrderInDocument } from '../generated/graphql.js';
import { customerAndProducts } from '../support/commerce.js';
import { useTestPlatform } from '../support/platform.js';

const t = useTestPlatform();

/** Counts the HTTP requests a subgraph's own server receives while `work` runs. */
async function httpRequestsTo(subgraph: 'crm' | 'catalog', work: () => Promise<unknown>): Promise<number> {
  const server = t.platform.subgraphs[subgraph]!.server;
  let received = 0;
  const count = () => (received += 1);
  server.on('request', count);
  try {
    await work();
  } finally {
    server.off('request', count);
  }
  return received;
}

describe('peer calls between subgraphs of one process', () => {
  it('reach the peer without its HTTP server, and answer as it would over HTTP', async () => {
    const { customer, products } = await customerAndProducts(t.admin);
    const input = { customerId: customer.id, lines: [{ productId: products[0]!.id, quantity: 2 }] };

    // createOrder reads the customer from crm and the prices from catalog as the caller: neither over a socket (the
    // selection asks the router for nothing of crm's or catalog's, so any request they receive would be a peer's).
    let order: { number: string; status: string } | undefined;
    const toCrm = await httpRequestsTo('crm', async () => {
      const toCatalog = await httpRequestsTo('catalog', async () => (order = (await t.admin.data(CreateOrderInDocument, { input })).createOrder));
      expect(toCatalog).toBe(0);
    });
    expect(toCrm).toBe(0);
    expect(order!.number).toMatch(/^SO-/);
    expect(order!.status).toBe('DRAFT');

    // What the peer does not know comes back as over HTTP: no such customer, nothing written.
    const unknown = await t.admin.send(CreateOrderInDocument, { input: { ...input, customerId: randomUUID() } });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
