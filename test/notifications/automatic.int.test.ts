import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphQLClient } from '../support/client.js';
import { customerAndProducts, draftOrder } from '../support/commerce.js';
import { sql } from '../support/database.js';
import { useTestPlatform } from '../support/platform.js';
import {
  ConfirmOrderDocument,
  CreateInvoiceFromOrderDocument,
  CreateCustomerDocument,
  IssueInvoiceDocument,
  NotificationsDocument,
  PlaceOrderDocument,
  RecordPaymentDocument,
} from '../generated/graphql.js';
import { eventually } from '../support/eventually.js';
import { SmtpInbox } from './smtp-inbox.js';

const inbox = await new SmtpInbox().start();
const t = useTestPlatform({ notifications: { smtpUrl: inbox.url, retryBaseMs: 50, attempts: 3 } });
let sales: GraphQLClient;

beforeAll(async () => {
  sales = (await t.userWith(['sales'])).client;
});

afterAll(async () => {
  await inbox.close();
});

async function confirmedOrder(customerId: string, productId: string) {
  const order = await draftOrder(sales, customerId, [{ productId, quantity: 3 }]);
  await sales.data(PlaceOrderDocument, { id: order.id, idempotencyKey: randomUUID() });
  await sales.data(ConfirmOrderDocument, { id: order.id });
  return order;
}

describe('automatic notifications from other domains’ events', () => {
  it('emails the customer an order confirmation when their order is confirmed', async () => {
    const { customer, products } = await customerAndProducts(sales);
    const order = await confirmedOrder(customer.id, products[0]!.id);
    const mails = await eventually(() => inbox.to(customer.email!), (found) => found.length > 0);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.mail.subject).toBe(`Your order ${order.number} is confirmed`);
    expect(mails[0]!.mail.text).toContain(customer.name);

    // The mail arrives before the delivery job records SENT: wait for the record too.
    const listed = await eventually(
      () => t.admin.data(NotificationsDocument, { first: 10, filter: { customerId: customer.id } }),
      (data) => data.notifications.edges.every((edge) => edge.node.status !== 'QUEUED'),
    );
    expect(listed.notifications.edges.map((edge) => edge.node)).toEqual([
      expect.objectContaining({ channel: 'EMAIL', recipient: customer.email, templateKey: 'order.confirmed', status: 'SENT', eventId: expect.any(String) }),
    ]);
  });

  it('emails an issued invoice with its PDF attached, and a receipt for its payment', async () => {
    const { customer, products } = await customerAndProducts(sales);
    const order = await confirmedOrder(customer.id, products[0]!.id);
    // Billing drafts it from the confirmation too; asking by hand returns that draft or makes it.
    const drafted = (await sales.data(CreateInvoiceFromOrderDocument, { orderId: order.id })).createInvoiceFromOrder;
    const invoice = (await sales.data(IssueInvoiceDocument, { id: drafted.id })).issueInvoice;
    expect(invoice.number).toMatch(/^INV-/);

    const invoiceMail = await eventually(
      () => inbox.to(customer.email!).find((received) => received.mail.subject === `Invoice ${invoice.number}`),
      (found) => found !== undefined,
    );
    expect(invoiceMail?.mail.text).toContain(invoice.total.amount);
    expect(invoiceMail?.mail.attachments).toHaveLength(1);
    const [pdf] = invoiceMail!.mail.attachments;
    expect(pdf).toMatchObject({ contentType: 'application/pdf', filename: `${invoice.number}.pdf` });
    expect(pdf!.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    await sales.data(RecordPaymentDocument, { input: { invoiceId: invoice.id, amount: invoice.total.amount, method: 'BANK_TRANSFER', idempotencyKey: randomUUID() } });
    const receipt = await eventually(
      () => inbox.to(customer.email!).find((received) => received.mail.subject === `Payment received for invoice ${invoice.number}`),
      (found) => found !== undefined,
    );
    expect(receipt?.mail.text).toContain(`payment of ${invoice.total.amount} EUR`);
    expect(receipt?.mail.text).toContain('Balance due: 0.00 EUR');
    expect(inbox.to(customer.email!).map((received) => received.mail.subject)).toHaveLength(3);
  });

  it('sends nothing to a customer without an email address', async () => {
    const { products } = await customerAndProducts(sales);
    const customer = (await sales.data(CreateCustomerDocument, { input: { name: `No Mail ${randomUUID().slice(0, 6)}` } })).createCustomer;
    const order = await confirmedOrder(customer.id, products[0]!.id);
    const [confirmed] = await sql<{ id: string }>("select id from sales.outbox_event where aggregate_id = $1 and type = 'order.status_changed' and payload->>'to' = 'CONFIRMED'", [
      order.id,
    ]);
    const handled = await eventually(
      () => sql('select event_id from notifications.processed_event where consumer = $1 and event_id = $2', ['notifications.automatic', confirmed!.id]),
      (rows) => rows.length === 1,
    );
    expect(handled).toHaveLength(1);
    expect(await sql('select id from notifications.notification where customer_id = $1', [customer.id])).toEqual([]);
  });
});
