import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { errorCodes } from '../support/client.js';
import { customerAndProducts, draftOrder } from '../support/commerce.js';
import { useTestPlatform } from '../support/platform.js';
import { settled } from '../support/settled.js';
import {
  ConfirmOrderDocument,
  CustomerOrderLinesDocument,
  CustomerOrderLinesPricedDocument,
  CreateInvoiceFromOrderDocument,
  InvoiceDocument,
  IssueInvoiceDocument,
  OrderCopiesDocument,
  PlaceOrderDocument,
  ProductDocument,
  UpdateProductDocument,
  VoidInvoiceDocument,
} from '../generated/graphql.js';

const t = useTestPlatform();

/** The order as the graph shows it, and which subgraphs ran SQL for it. */
async function readOrder(id: string) {
  const { result, statements } = await t.statementsDuring(() => t.admin.data(OrderCopiesDocument, { id }));
  return { order: result.order, subgraphs: [...new Set(statements.map((s) => s.subgraph))] };
}

describe('what sales shows of catalog’s products and billing’s invoices from its own copies (@provides)', () => {
  it('names each line’s product as catalog names it now, without asking catalog, while the line keeps the name it was sold under', async () => {
    const { customer, products, run } = await customerAndProducts(t.admin);
    const product = products[0]!;
    const order = await draftOrder(t.admin, customer.id, [{ productId: product.id, quantity: 1 }]);
    await settled();

    const before = await readOrder(order.id);
    expect(before.order.lines).toEqual([{ name: product.name, product: { id: product.id, name: product.name } }]);
    expect(before.subgraphs).toEqual(['sales']);

    const renamed = `Renamed ${run}`;
    await t.admin.data(UpdateProductDocument, { id: product.id, input: { name: renamed } });
    await settled();
    const after = await readOrder(order.id);
    expect(after.order.lines).toEqual([{ name: product.name, product: { id: product.id, name: renamed } }]);
    expect((await t.admin.data(ProductDocument, { id: product.id })).product.name).toBe(renamed);
  });

  it('shows the order’s invoice as billing has it — a draft without number, the number once issued, none once void — without asking billing', async () => {
    const { customer, products } = await customerAndProducts(t.admin);
    const order = await draftOrder(t.admin, customer.id, [{ productId: products[0]!.id, quantity: 2 }]);
    await t.admin.data(PlaceOrderDocument, { id: order.id, idempotencyKey: randomUUID() });
    await t.admin.data(ConfirmOrderDocument, { id: order.id });
    await settled();
    // Billing invoices a confirmed order by itself; asking again gives that invoice.
    const draft = (await t.admin.data(CreateInvoiceFromOrderDocument, { orderId: order.id })).createInvoiceFromOrder;
    await settled();
    const drafted = await readOrder(order.id);
    expect(drafted.order.invoice).toEqual({ id: draft.id, number: null });
    expect(drafted.subgraphs).toEqual(['sales']);

    const issued = (await t.admin.data(IssueInvoiceDocument, { id: draft.id })).issueInvoice;
    expect(issued.number).toMatch(/^INV-\d{4}-\d{6}$/);
    await settled();
    expect((await readOrder(order.id)).order.invoice).toEqual({ id: draft.id, number: issued.number });
    expect((await t.admin.data(InvoiceDocument, { id: draft.id })).invoice.number).toBe(issued.number);

    await t.admin.data(VoidInvoiceDocument, { id: draft.id, reason: 'Billed twice' });
    await settled();
    expect((await readOrder(order.id)).order.invoice).toBeNull();
  });

  it('asks for billing’s permission (invoices:read) before showing an invoice, as billing does', async () => {
    const { customer, products } = await customerAndProducts(t.admin);
    const order = await draftOrder(t.admin, customer.id, [{ productId: products[0]!.id, quantity: 1 }]);
    const warehouse = (await t.userWith(['warehouse'])).client;
    const result = await warehouse.send(OrderCopiesDocument, { id: order.id });
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    expect(result.errors![0]!.path).toEqual(['order', 'invoice']);
    expect(result.data?.order).toMatchObject({ id: order.id, lines: [{ product: { id: products[0]!.id } }], invoice: null });
  });

  it('reads a page of a customer’s orders with their lines and invoices in one statement, and the same answer with a loader when a line field is money', async () => {
    const { customer, products } = await customerAndProducts(t.admin);
    const first = await draftOrder(t.admin, customer.id, [{ productId: products[0]!.id, quantity: 2 }, { productId: products[1]!.id, quantity: 5 }]);
    const second = await draftOrder(t.admin, customer.id, [{ productId: products[1]!.id, quantity: 1 }]);
    await t.admin.data(PlaceOrderDocument, { id: first.id, idempotencyKey: randomUUID() });
    await t.admin.data(ConfirmOrderDocument, { id: first.id });
    await settled();
    const invoice = (await t.admin.data(CreateInvoiceFromOrderDocument, { orderId: first.id })).createInvoiceFromOrder;
    await settled();

    const page = await t.statementsDuring(() => t.admin.data(CustomerOrderLinesDocument, { id: customer.id }));
    const orders = page.result.customer.orders!.edges.map((edge) => edge.node);
    expect(orders).toEqual([
      { id: second.id, lines: [{ position: 0, quantity: 1, name: products[1]!.name, product: { id: products[1]!.id, name: products[1]!.name } }], invoice: null },
      {
        id: first.id,
        lines: [
          { position: 0, quantity: 2, name: products[0]!.name, product: { id: products[0]!.id, name: products[0]!.name } },
          { position: 1, quantity: 5, name: products[1]!.name, product: { id: products[1]!.id, name: products[1]!.name } },
        ],
        invoice: { id: invoice.id, number: null },
      },
    ]);
    expect(page.statements.filter((s) => s.subgraph === 'sales')).toHaveLength(1);

    // Money in bigint minor units does not travel in JSON: the lines are then read by their loader, with the same answer.
    const priced = await t.statementsDuring(() => t.admin.data(CustomerOrderLinesPricedDocument, { id: customer.id }));
    const pricedOrders = priced.result.customer.orders!.edges.map((edge) => edge.node);
    expect(pricedOrders.map(({ id, lines, invoice: i }) => ({ id, lines: lines.map(({ unitPrice: _, ...line }) => line), invoice: i }))).toEqual(orders);
    expect(pricedOrders[1]!.lines.map((line) => line.unitPrice)).toEqual([{ amount: '19.99', currency: 'EUR' }, { amount: '4.49', currency: 'EUR' }]);
    expect(priced.statements.filter((s) => s.subgraph === 'sales')).toHaveLength(2);
  });
});
