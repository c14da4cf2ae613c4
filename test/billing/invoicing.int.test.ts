import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { addMoney, formatMoney, money, subtractMoney } from '@erp/platform';
import { errorCodes, type GraphQLClient } from '../support/client.js';
import { customerAndProducts, draftOrder } from '../support/commerce.js';
import { sql } from '../support/database.js';
import { pdfText } from '../support/pdf-text.js';
import { useTestPlatform } from '../support/platform.js';
import { settled } from '../support/settled.js';
import {
  CancelOrderDocument,
  ConfirmOrderDocument,
  CreateCreditNoteDocument,
  CreateInvoiceDocument,
  CreateInvoiceFromOrderDocument,
  CustomerBillingDocument,
  InvoiceDocument,
  InvoicePartsDocument,
  IssueInvoiceDocument,
  MarkOverdueInvoicesDocument,
  OrderWithInvoiceDocument,
  PlaceOrderDocument,
  RecordPaymentDocument,
  VoidInvoiceDocument,
} from '../generated/graphql.js';

const t = useTestPlatform();
let sales: GraphQLClient;
let salesToken: string;

beforeAll(async () => {
  const user = await t.userWith(['sales']);
  sales = user.client;
  salesToken = user.client.headers.authorization!;
});

async function confirmedOrder(client: GraphQLClient) {
  const { customer, products } = await customerAndProducts(client);
  const order = await draftOrder(client, customer.id, [
    { productId: products[0]!.id, quantity: 2 },
    { productId: products[1]!.id, quantity: 3 },
  ]);
  await client.data(PlaceOrderDocument, { id: order.id, idempotencyKey: randomUUID() });
  await client.data(ConfirmOrderDocument, { id: order.id });
  return { customer, order };
}

describe('billing an order, step by step, as sales', () => {
  it('invoices a confirmed order, issues it, and takes two payments with an idempotent replay', async () => {
    const { customer, order } = await confirmedOrder(sales);
    const balance = async () => (await sales.data(CustomerBillingDocument, { id: customer.id })).customer.balanceDue;
    expect(await balance()).toEqual({ amount: '0.00', currency: 'EUR' });

    const draft = (await sales.data(CreateInvoiceFromOrderDocument, { orderId: order.id })).createInvoiceFromOrder;
    expect(draft).toMatchObject({ status: 'DRAFT', number: null, total: { amount: order.total.amount, currency: 'EUR' } });
    expect(draft.lines.map((l) => [l.quantity, l.net.amount, l.tax.amount])).toEqual(order.lines.map((l) => [l.quantity, l.net.amount, l.tax.amount]));
    expect(await balance()).toEqual({ amount: '0.00', currency: 'EUR' });

    const issued = (await sales.data(IssueInvoiceDocument, { id: draft.id })).issueInvoice;
    expect(issued.status).toBe('ISSUED');
    expect(issued.number).toMatch(/^INV-\d{4}-\d{6}$/);
    expect(issued.dueDate! > issued.issueDate!).toBe(true);
    expect(await balance()).toEqual({ amount: order.total.amount, currency: 'EUR' });

    const total = money(order.total.amount, 'EUR');
    const first = formatMoney({ minor: total.minor / 2n, currency: 'EUR' });
    const rest = formatMoney(subtractMoney(total, money(first, 'EUR')));
    const key = randomUUID();
    const paid1 = (await sales.data(RecordPaymentDocument, { input: { invoiceId: draft.id, amount: first, method: 'BANK_TRANSFER', idempotencyKey: key } })).recordPayment;
    expect(paid1.invoice.status).toBe('PARTIALLY_PAID');
    expect(await balance()).toEqual({ amount: rest, currency: 'EUR' });

    const replay = (await sales.data(RecordPaymentDocument, { input: { invoiceId: draft.id, amount: first, method: 'BANK_TRANSFER', idempotencyKey: key } })).recordPayment;
    expect(replay.id).toBe(paid1.id);
    expect(await sql('select id from billing.payment where invoice_id = $1', [draft.id])).toHaveLength(1);
    expect(await balance()).toEqual({ amount: rest, currency: 'EUR' });

    const overpay = await sales.send(RecordPaymentDocument, { input: { invoiceId: draft.id, amount: formatMoney(addMoney(money(rest, 'EUR'), money('0.01', 'EUR'))), method: 'CARD', idempotencyKey: randomUUID() } });
    expect(errorCodes(overpay)).toEqual(['BAD_USER_INPUT']);
    expect(await sql('select id from billing.payment where invoice_id = $1', [draft.id])).toHaveLength(1);

    const paid2 = (await sales.data(RecordPaymentDocument, { input: { invoiceId: draft.id, amount: rest, method: 'CARD', idempotencyKey: randomUUID() } })).recordPayment;
    expect(paid2.invoice).toMatchObject({ status: 'PAID', balanceDue: { amount: '0.00' }, amountPaid: { amount: order.total.amount } });
    expect(await balance()).toEqual({ amount: '0.00', currency: 'EUR' });

    // The order shows its invoice's number from sales' copy, which hears of the issue one relay later.
    await settled();
    const viewed = (await sales.data(OrderWithInvoiceDocument, { id: order.id })).order;
    expect(viewed.invoice).toMatchObject({ id: draft.id, number: issued.number, status: 'PAID' });
    expect(viewed.statusHistory.map((h) => h.to)).toEqual(['DRAFT', 'PLACED', 'CONFIRMED']);
    const billing = (await sales.data(CustomerBillingDocument, { id: customer.id })).customer;
    expect(billing.invoices!.edges.map((e) => e.node.number)).toEqual([issued.number]);
  });

  it('refuses to invoice an unconfirmed order, and invoices an order once however often asked', async () => {
    const { customer, products } = await customerAndProducts(sales);
    const draftOnly = await draftOrder(sales, customer.id, [{ productId: products[0]!.id, quantity: 1 }]);
    expect(errorCodes(await sales.send(CreateInvoiceFromOrderDocument, { orderId: draftOnly.id }))).toEqual(['CONFLICT']);
    const { order } = await confirmedOrder(sales);
    const first = (await sales.data(CreateInvoiceFromOrderDocument, { orderId: order.id })).createInvoiceFromOrder;
    const again = (await sales.data(CreateInvoiceFromOrderDocument, { orderId: order.id })).createInvoiceFromOrder;
    expect(again.id).toBe(first.id);
    expect(await sql('select id from billing.invoice where order_id = $1', [order.id])).toHaveLength(1);
    expect(errorCodes(await sales.send(CreateInvoiceFromOrderDocument, { orderId: randomUUID() }))).toEqual(['NOT_FOUND']);
  });

  it('never edits an issued invoice: it is issued once, corrected by a credit note, voided only unpaid', async () => {
    const { order } = await confirmedOrder(sales);
    const invoice = (await sales.data(CreateInvoiceFromOrderDocument, { orderId: order.id })).createInvoiceFromOrder;
    const issued = (await sales.data(IssueInvoiceDocument, { id: invoice.id })).issueInvoice;
    const again = await sales.send(IssueInvoiceDocument, { id: invoice.id });
    expect(errorCodes(again)).toEqual(['CONFLICT']);
    expect(again.errors?.[0]?.extensions?.currentStatus).toBe('ISSUED');
    expect((await sales.data(InvoiceDocument, { id: invoice.id })).invoice.number).toBe(issued.number);

    const note = (await sales.data(CreateCreditNoteDocument, { input: { invoiceId: invoice.id, amount: '1.00', reason: 'Damaged box' } })).createCreditNote;
    expect(note.number).toMatch(/^CN-\d{4}-\d{6}$/);
    const corrected = (await sales.data(InvoiceDocument, { id: invoice.id })).invoice;
    expect(corrected.balanceDue.amount).toBe(formatMoney(subtractMoney(money(issued.total.amount, 'EUR'), money('1.00', 'EUR'))));
    expect(corrected.total.amount).toBe(issued.total.amount);

    await sales.data(RecordPaymentDocument, { input: { invoiceId: invoice.id, amount: '1.00', method: 'CASH', idempotencyKey: randomUUID() } });
    expect(errorCodes(await sales.send(VoidInvoiceDocument, { id: invoice.id, reason: 'oops' }))).toEqual(['CONFLICT']);
  });

  it('reads an issued invoice back with the dates it was issued with (ISO dates, as the mutation answered)', async () => {
    const { order } = await confirmedOrder(sales);
    const invoice = (await sales.data(CreateInvoiceFromOrderDocument, { orderId: order.id })).createInvoiceFromOrder;
    const issued = (await sales.data(IssueInvoiceDocument, { id: invoice.id })).issueInvoice;
    expect(issued.issueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const read = (await sales.data(InvoiceDocument, { id: invoice.id })).invoice;
    expect({ issueDate: read.issueDate, dueDate: read.dueDate }).toEqual({ issueDate: issued.issueDate, dueDate: issued.dueDate });
  });

  it('a cancelled order is not invoiced', async () => {
    const { customer, products } = await customerAndProducts(sales);
    const order = await draftOrder(sales, customer.id, [{ productId: products[0]!.id, quantity: 1 }]);
    await sales.data(CancelOrderDocument, { id: order.id, reason: 'test' });
    expect(errorCodes(await sales.send(CreateInvoiceFromOrderDocument, { orderId: order.id }))).toEqual(['CONFLICT']);
  });
});

describe('reading an invoice', () => {
  it('gives its lines in order, its payments and credit notes oldest first, each payment naming its invoice', async () => {
    const { customer, order } = await confirmedOrder(sales);
    const invoice = (await sales.data(CreateInvoiceFromOrderDocument, { orderId: order.id })).createInvoiceFromOrder;
    await sales.data(IssueInvoiceDocument, { id: invoice.id });
    const paid = [];
    for (const [amount, reference] of [['1.00', 'first'], ['2.00', 'second']] as const) {
      paid.push((await sales.data(RecordPaymentDocument, { input: { invoiceId: invoice.id, amount, method: 'BANK_TRANSFER', reference, idempotencyKey: randomUUID() } })).recordPayment);
    }
    const notes = [];
    for (const reason of ['Scratched', 'Late']) {
      notes.push((await sales.data(CreateCreditNoteDocument, { input: { invoiceId: invoice.id, amount: '0.50', reason } })).createCreditNote);
    }

    const read = (await sales.data(InvoicePartsDocument, { id: invoice.id })).invoice;
    expect(read.lines.map((l) => [l.position, l.productId, l.quantity, l.net.amount, l.tax.amount])).toEqual(
      order.lines.map((l, index) => [index, l.product!.id, l.quantity, l.net.amount, l.tax.amount]),
    );
    expect(read.lines[0]).toMatchObject({ unitPrice: { amount: order.lines[0]!.unitPrice.amount, currency: 'EUR' }, taxRate: order.lines[0]!.taxRate });
    const balance = formatMoney(subtractMoney(money(order.total.amount, 'EUR'), money('4.00', 'EUR')));
    expect(read.payments.map((p) => [p.id, p.reference, p.method, p.amount])).toEqual([
      [paid[0]!.id, 'first', 'BANK_TRANSFER', { amount: '1.00', currency: 'EUR' }],
      [paid[1]!.id, 'second', 'BANK_TRANSFER', { amount: '2.00', currency: 'EUR' }],
    ]);
    expect(read.payments.map((p) => p.invoice)).toEqual(read.payments.map(() => ({ id: invoice.id, status: 'PARTIALLY_PAID', balanceDue: { amount: balance } })));
    expect(read.creditNotes.map((n) => [n.id, n.number, n.reason, n.amount])).toEqual(
      notes.map((n, index) => [n.id, n.number, ['Scratched', 'Late'][index], { amount: '0.50', currency: 'EUR' }]),
    );

    // A customer-portal user reads its own invoice with its parts, and no one else's.
    const portal = (await t.userWith(['customer'], { customerId: customer.id })).client;
    expect((await portal.data(InvoicePartsDocument, { id: invoice.id })).invoice).toEqual(read);
    const { order: othersOrder } = await confirmedOrder(sales);
    const others = (await sales.data(CreateInvoiceFromOrderDocument, { orderId: othersOrder.id })).createInvoiceFromOrder;
    expect(errorCodes(await portal.send(InvoicePartsDocument, { id: others.id }))).toEqual(['NOT_FOUND']);
  });
});

describe('invoice numbers', () => {
  it('are consecutive and distinct when 50 invoices are issued at once', async () => {
    const { customer } = await customerAndProducts(sales, []);
    const drafts = [];
    for (let i = 0; i < 50; i += 1) {
      drafts.push(
        (await sales.data(CreateInvoiceDocument, {
          input: { customerId: customer.id, currency: 'EUR', lines: [{ description: `Service ${i}`, quantity: 1, unitPrice: '10.00', taxRate: '20' }] },
        })).createInvoice,
      );
    }
    const issued = await Promise.all(drafts.map((draft) => sales.data(IssueInvoiceDocument, { id: draft.id })));
    const numbers = issued.map((r) => r.issueInvoice.number!).sort();
    expect(new Set(numbers).size).toBe(50);
    const sequence = numbers.map((n) => Number(n.slice(-6)));
    for (let i = 1; i < sequence.length; i += 1) expect(sequence[i]! - sequence[i - 1]!).toBe(1);
  });
});

describe('invoice PDF', () => {
  it('is a real PDF with the number and total, authorized like the invoice', async () => {
    const { order } = await confirmedOrder(sales);
    const invoice = (await sales.data(CreateInvoiceFromOrderDocument, { orderId: order.id })).createInvoiceFromOrder;
    const issued = (await sales.data(IssueInvoiceDocument, { id: invoice.id })).issueInvoice;
    const url = `${t.platform.router.url}/files/billing/invoices/${invoice.id}/pdf`;
    const response = await fetch(url, { headers: { authorization: salesToken } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await response.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf);
    expect(text).toContain(`Invoice ${issued.number}`);
    expect(text).toContain(`${issued.total.amount} EUR`);

    expect((await fetch(url)).status).toBe(401);
    const hr = await t.userWith(['hr']);
    const hrToken = hr.client.headers.authorization!;
    expect((await fetch(url, { headers: { authorization: hrToken } })).status).toBe(403);
    expect((await fetch(`${t.platform.router.url}/files/billing/invoices/${randomUUID()}/pdf`, { headers: { authorization: salesToken } })).status).toBe(404);
  });
});

describe('overdue invoices', () => {
  it('become OVERDUE after their due date, stay so while partly paid, and PAID when settled', async () => {
    const { order } = await confirmedOrder(sales);
    const invoice = (await sales.data(CreateInvoiceFromOrderDocument, { orderId: order.id })).createInvoiceFromOrder;
    const issued = (await sales.data(IssueInvoiceDocument, { id: invoice.id })).issueInvoice;
    await sql("update billing.invoice set due_date = current_date - 1 where id = $1", [invoice.id]);
    expect((await sales.data(MarkOverdueInvoicesDocument)).markOverdueInvoices).toBeGreaterThanOrEqual(1);
    expect((await sales.data(InvoiceDocument, { id: invoice.id })).invoice.status).toBe('OVERDUE');
    const part = await sales.data(RecordPaymentDocument, { input: { invoiceId: invoice.id, amount: '1.00', method: 'CARD', idempotencyKey: randomUUID() } });
    expect(part.recordPayment.invoice.status).toBe('OVERDUE');
    const restAmount = formatMoney(subtractMoney(money(issued.total.amount, 'EUR'), money('1.00', 'EUR')));
    const rest = await sales.data(RecordPaymentDocument, { input: { invoiceId: invoice.id, amount: restAmount, method: 'CARD', idempotencyKey: randomUUID() } });
    expect(rest.recordPayment.invoice.status).toBe('PAID');
  });
});
