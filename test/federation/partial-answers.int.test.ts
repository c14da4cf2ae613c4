import { describe, expect, it } from 'vitest';
import { CustomerWithOrdersAndBalanceDocument } from '../generated/graphql.js';
import { customerAndProducts, draftOrder } from '../support/commerce.js';
import { useTestPlatform } from '../support/platform.js';

const t = useTestPlatform();

describe('an answer while a subgraph that contributes fields is down', () => {
  it('nulls only that subgraph’s fields and keeps the rest of the answer', async () => {
    const { customer, products } = await customerAndProducts(t.admin);
    const order = await draftOrder(t.admin, customer.id, [{ productId: products[0]!.id, quantity: 2 }]);
    await t.platform.subgraphs.billing!.close();

    const result = await t.admin.send(CustomerWithOrdersAndBalanceDocument, { id: customer.id });
    expect(result.data?.customer).toMatchObject({
      name: customer.name,
      orders: { edges: [{ node: { number: order.number, lines: [{ name: products[0]!.name, product: { name: products[0]!.name } }], invoice: null } }] },
      balanceDue: null,
    });
    expect(result.errors?.length).toBeGreaterThan(0);
    for (const error of result.errors ?? []) expect(error.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'billing', retryable: true });
  });
});
