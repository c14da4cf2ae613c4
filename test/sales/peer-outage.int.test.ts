import { describe, expect, it } from 'vitest';
import { CreateOrderDocument } from '../generated/graphql.js';
import { customerAndProducts } from '../support/commerce.js';
import { countRows } from '../support/database.js';
import { useTestPlatform } from '../support/platform.js';

const t = useTestPlatform();

describe('a write that needs a subgraph that is down', () => {
  it('answers SUBGRAPH_UNAVAILABLE naming it, says a retry may help, and changes nothing', async () => {
    const { customer, products } = await customerAndProducts(t.admin);
    const ordersBefore = await countRows('sales."order"');
    await t.platform.subgraphs.crm!.close();

    const result = await t.admin.send(CreateOrderDocument, { input: { customerId: customer.id, lines: [{ productId: products[0]!.id, quantity: 1 }] } });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'crm', retryable: true });
    expect(result.errors?.[0]?.message).toMatch(/crm.*try again/);
    expect(await countRows('sales."order"')).toBe(ordersBefore);
  });
});
