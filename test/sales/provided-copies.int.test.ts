import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { errorCodes } from '../support/client.js';
import { customerAndProducts, draftOrder } from '../support/commerce.js';
import { useTestPlatform } from '../support/platform.js';
import { settled } from '../support/settled.js';
import {
  ConfirmOrderDocument,
  CreateInvoiceFromOrderDocument,
  CustomerOrderInvoicesDocument,
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

/** The invoice of each of a customer's orders, as a page of the customer's orders reads it, and which subgraphs ran SQL for it. */
async function readCustomerOrderInvoices(id: string) {
  const { result, statements } = await t.statementsDuring(() => t.admin.data(CustomerOrderInvoicesDocument, { id }));
  return {
    invoices: result.customer.orders!.edges.map((edge) => ({ order: edge.node.id, invoice: edge.node.invoice })),
    subgraphs: [...new Set(statements.map((s) => s.subgraph))].sort(),
  };
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
    const inPage = await readCustomerOrderInvoices(customer.id);
    expect(inPage).toEqual({ invoices: [{ order: order.id, invoice: { id: draft.id, number: null } }], subgraphs: ['crm', 'sales'] });

    const issued = (await t.admin.data(IssueInvoiceDocument, { id: draft.id })).issueInvoice;
    expect(issued.number).toMatch(/^INV-\d{4}-\d{6}$/);
    await settled();
    expect((await readOrder(order.id)).order.invoice).toEqual({ id: draft.id, number: issued.number });
    expect((await readCustomerOrderInvoices(customer.id)).invoices).toEqual([{ order: order.id, invoice: { id: draft.id, number: issued.number } }]);
    expect((await t.admin.data(InvoiceDocument, { id: draft.id })).invoice.number).toBe(issued.number);

    await t.admin.data(VoidInvoiceDocument, { id: draft.id, reason: 'Billed twice' });
    await settled();
    expect((await readOrder(order.id)).order.invoice).toBeNull();
    expect((await readCustomerOrderInvoices(customer.id)).invoices).toEqual([{ order: order.id, invoice: null }]);
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
});
