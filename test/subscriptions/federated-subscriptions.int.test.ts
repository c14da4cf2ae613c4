import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from 'graphql-ws';
import { customerAndProducts, draftOrder } from '../support/commerce.js';
import { useTestPlatform } from '../support/platform.js';
import { subscribe, wsClient } from '../support/subscriptions.js';
import {
  ConfirmOrderDocument,
  CreateInvoiceFromOrderDocument,
  InvoiceStatusFeedDocument,
  IssueInvoiceDocument,
  LoginDocument,
  MarkOrderDeliveredDocument,
  MeDocument,
  NotificationFeedDocument,
  OrderPlacedFeedDocument,
  OrderStatusChangedFederatedDocument,
  PlaceOrderDocument,
  RecordPaymentDocument,
  SendNotificationDocument,
  ShipOrderDocument,
} from '../generated/graphql.js';
import type { GraphQLClient } from '../support/client.js';

const t = useTestPlatform({ redis: true });
let sales: GraphQLClient;
let salesSocket: Client;
const sockets: Client[] = [];

function socketFor(params: Record<string, string>): Client {
  const client = wsClient(t.platform.router.graphqlUrl, params);
  sockets.push(client);
  return client;
}

beforeAll(async () => {
  const user = await t.userWith(['sales']);
  sales = user.client;
  const login = await t.anonymous.data(LoginDocument, { email: user.email, password: user.password });
  salesSocket = socketFor({ Authorization: `Bearer ${login.login.accessToken}` });
});

afterAll(async () => {
  await Promise.all(sockets.map((socket) => socket.dispose()));
});

async function placedOrder() {
  const { customer, products } = await customerAndProducts(sales);
  const order = await draftOrder(sales, customer.id, [{ productId: products[0]!.id, quantity: 3 }]);
  return { customer, order };
}

describe('federated subscriptions through the router', () => {
  it('delivers every transition of an order, complete with fields from sales, crm and billing, within a second', async () => {
    const { customer, order } = await placedOrder();
    const feed = subscribe(salesSocket, OrderStatusChangedFederatedDocument, { orderId: order.id });
    await new Promise((resolve) => setTimeout(resolve, 300)); // the subscription reaches the subgraph

    const steps: [string, () => Promise<unknown>][] = [
      ['PLACED', () => sales.data(PlaceOrderDocument, { id: order.id, idempotencyKey: randomUUID() })],
      ['CONFIRMED', () => sales.data(ConfirmOrderDocument, { id: order.id })],
      ['SHIPPED', () => sales.data(ShipOrderDocument, { id: order.id, input: { carrier: 'DHL', trackingNumber: 'JD0001' } })],
      ['DELIVERED', () => sales.data(MarkOrderDeliveredDocument, { id: order.id })],
    ];
    for (const [index, [status, step]] of steps.entries()) {
      const started = Date.now();
      await step();
      const [result] = (await feed.received(index + 1, 1_000)).slice(index);
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(result!.errors).toBeUndefined();
      const changed = result!.data!.orderStatusChanged;
      expect(changed).toMatchObject({ id: order.id, number: order.number, status, customer: { id: customer.id, name: customer.name } });
      expect(changed.customer!.balanceDue!.currency).toBe('EUR');
    }
    // billing drafted the invoice on confirmation: the later events carry it
    expect(feed.results.at(-1)!.data!.orderStatusChanged.invoice).toMatchObject({ status: 'DRAFT' });
    feed.stop();
  });

  it('announces placed orders and invoice status changes', async () => {
    const { customer, order } = await placedOrder();
    const placed = subscribe(salesSocket, OrderPlacedFeedDocument, {});
    const invoices = subscribe(salesSocket, InvoiceStatusFeedDocument, { customerId: customer.id });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await sales.data(PlaceOrderDocument, { id: order.id, idempotencyKey: randomUUID() });
    const [announced] = await placed.received(1);
    expect(announced!.data!.orderPlaced).toMatchObject({ id: order.id, customerId: customer.id, total: { amount: order.total.amount } });

    await sales.data(ConfirmOrderDocument, { id: order.id });
    const invoice = (await sales.data(CreateInvoiceFromOrderDocument, { orderId: order.id })).createInvoiceFromOrder;
    await sales.data(IssueInvoiceDocument, { id: invoice.id });
    await sales.data(RecordPaymentDocument, { input: { invoiceId: invoice.id, amount: '1.00', method: 'BANK_TRANSFER', idempotencyKey: randomUUID() } });
    const statuses = (await invoices.received(3)).map((result) => result.data!.invoiceStatusChanged.status);
    expect(statuses).toEqual(['DRAFT', 'ISSUED', 'PARTIALLY_PAID']);
    placed.stop();
    invoices.stop();
  });

  it('shows a customer user only its own orders', async () => {
    const mine = await placedOrder();
    const theirs = await placedOrder();
    const portal = await t.userWith(['customer'], { customerId: mine.customer.id });
    const portalSocket = socketFor({ Authorization: `Bearer ${(await t.anonymous.data(LoginDocument, { email: portal.email, password: portal.password })).login.accessToken}` });
    const feed = subscribe(portalSocket, OrderStatusChangedFederatedDocument, {});
    await new Promise((resolve) => setTimeout(resolve, 300));
    await sales.data(PlaceOrderDocument, { id: theirs.order.id, idempotencyKey: randomUUID() });
    await sales.data(PlaceOrderDocument, { id: mine.order.id, idempotencyKey: randomUUID() });
    const [first] = await feed.received(1);
    expect(first!.data!.orderStatusChanged.id).toBe(mine.order.id);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(feed.results.map((result) => result.data!.orderStatusChanged.id)).toEqual([mine.order.id]);
    feed.stop();
  });

  it('resolves an event once for many subscribers of the same selection', async () => {
    const { order } = await placedOrder();
    const feeds = Array.from({ length: 5 }, () => subscribe(salesSocket, OrderStatusChangedFederatedDocument, { orderId: order.id }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const stats = t.platform.router.subscriptionStats();
    expect(stats.subscribers).toBeGreaterThanOrEqual(5);
    expect(stats.subscribers - stats.groups).toBeGreaterThanOrEqual(4);
    const statements = await t.countStatements(async () => {
      await sales.data(PlaceOrderDocument, { id: order.id, idempotencyKey: randomUUID() });
      await Promise.all(feeds.map((feed) => feed.received(1)));
    });
    const once = await t.countStatements(async () => {
      const single = subscribe(salesSocket, OrderStatusChangedFederatedDocument, { orderId: order.id });
      await new Promise((resolve) => setTimeout(resolve, 300));
      await sales.data(ConfirmOrderDocument, { id: order.id });
      await single.received(1);
      single.stop();
    });
    expect(feeds.every((feed) => feed.results[0]!.data!.orderStatusChanged.status === 'PLACED')).toBe(true);
    // Five subscribers cost no more SQL than one would.
    expect(statements.statements).toBeLessThanOrEqual(once.statements + 2);
    for (const feed of feeds) feed.stop();
  });

  it('brings an in-app notification to its user and to nobody else', async () => {
    const recipient = await t.userWith(['employee']);
    const bystander = await t.userWith(['employee']);
    const tokenOf = async (user: { email: string; password: string }) => (await t.anonymous.data(LoginDocument, { email: user.email, password: user.password })).login.accessToken;
    const mine = subscribe(socketFor({ Authorization: `Bearer ${await tokenOf(recipient)}` }), NotificationFeedDocument, {});
    const theirs = subscribe(socketFor({ Authorization: `Bearer ${await tokenOf(bystander)}` }), NotificationFeedDocument, {});
    await new Promise((resolve) => setTimeout(resolve, 300));
    await t.admin.data(SendNotificationDocument, { input: { channel: 'IN_APP', to: recipient.id, subject: 'Stock is low', body: 'Reorder widgets' } });
    const [received] = await mine.received(1);
    expect(received!.data!.notificationReceived).toMatchObject({ channel: 'IN_APP', subject: 'Stock is low', body: 'Reorder widgets' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(theirs.results).toEqual([]);
    mine.stop();
    theirs.stop();
  });

  it('answers queries sent over the same socket like HTTP does', async () => {
    const answer = subscribe(salesSocket, MeDocument, {});
    const [result] = await answer.received(1);
    expect(result!.data!.me).toMatchObject({ roles: ['SALES'] });
  });

  it('refuses a subscription sent straight to a subgraph without the router’s signature', async () => {
    const salesUrl = `${t.platform.subgraphs.sales!.url}/graphql`;
    const forged: Record<string, string>[] = [{}, { 'x-erp-context': 'forged.signature', 'x-request-id': 'ws-forged-0001' }];
    for (const params of forged) {
      const feed = subscribe(wsClient(salesUrl, params), OrderPlacedFeedDocument, {});
      const failure = (await feed.failure) as { code?: number };
      expect(failure.code).toBe(4403);
    }
  });

  it('closes a connection without valid credentials with 4401', async () => {
    const attempts: Record<string, string>[] = [{}, { Authorization: 'Bearer not-a-jwt' }, { 'x-api-key': 'erp_00000000_nope' }];
    for (const params of attempts) {
      const feed = subscribe(socketFor(params), OrderPlacedFeedDocument, {});
      const failure = (await feed.failure) as { code?: number };
      expect(failure.code).toBe(4401);
    }
  });
});
