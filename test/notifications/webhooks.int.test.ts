import { createHmac, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, type GraphQLClient } from '../support/client.js';
import { countRows, sql } from '../support/database.js';
import { eventually } from '../support/eventually.js';
import { FaultyBus } from '../support/faulty-bus.js';
import { useTestPlatform } from '../support/platform.js';
import {
  CreateApiKeyDocument,
  CreateCustomerDocument,
  CreateProductDocument,
  PlaceOrderDocument,
  DeleteWebhookEndpointDocument,
  PartnerEventsDocument,
  RegisterWebhookDocument,
  ReplayWebhookDeliveryDocument,
  RevokeApiKeyDocument,
  RotateWebhookSecretDocument,
  UpdateWebhookEndpointDocument,
  WebhookDeliveriesDocument,
  WebhookEndpointDocument,
  WebhookEndpointsDocument,
  WebhookEventTypesDocument,
} from '../generated/graphql.js';
import { PartnerEndpoint } from './partner-endpoint.js';
import { customerAndProducts, draftOrder } from '../support/commerce.js';

// Real BullMQ on the test Redis, with the webhook schedule shortened to 300 ms then 600 ms: three tries in about a second.
const SCHEDULE = [300, 600];
const TIMEOUT_MS = 1_000;
const partner = await new PartnerEndpoint().start();
let bus: FaultyBus;
const t = useTestPlatform({ redis: true, wrapEvents: (inner) => (bus = new FaultyBus(inner)), notifications: { webhookRetrySchedule: SCHEDULE, webhookTimeoutMs: TIMEOUT_MS } });
const run = randomUUID().slice(0, 8);

afterAll(() => partner.close());

/** What a partner runs on each request: the HMAC of "<t>.<raw body>" under its secret, compared with each v1. */
function signatureVerifies(header: string | string[] | undefined, body: string, secret: string): boolean {
  const parts = String(header).split(',');
  const timestamp = parts.find((part) => part.startsWith('t='))?.slice(2);
  const expected = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return Math.abs(Date.now() / 1000 - Number(timestamp)) < 300 && parts.some((part) => part === `v1=${expected}`);
}

function v1Count(header: string | string[] | undefined): number {
  return String(header).split(',').filter((part) => part.startsWith('v1=')).length;
}

async function apiKey(scopes: string[]): Promise<{ client: GraphQLClient; id: string }> {
  const key = (await t.admin.data(CreateApiKeyDocument, { input: { name: `partner ${run} ${scopes.join(' ')}`, scopes } })).createApiKey;
  return { client: t.anonymous.withHeaders({ 'x-api-key': key.secret }), id: key.id };
}

let sku = 0;
async function createProduct(): Promise<{ id: string; sku: string }> {
  sku += 1;
  return (await t.admin.data(CreateProductDocument, { input: { sku: `WH-${run}-${sku}`, name: `Webhook product ${sku}`, price: '10.00', currency: 'EUR', taxRate: '20' } })).createProduct;
}

async function deliveriesOf(client: GraphQLClient, endpointId: string) {
  return (await client.data(WebhookDeliveriesDocument, { endpointId, first: 100 })).webhookDeliveries.edges.map((edge) => edge.node);
}

/** The delivery of a product's creation to an endpoint, once it is no longer PENDING. */
async function settledDelivery(client: GraphQLClient, endpointId: string, productId: string) {
  const eventId = await productCreatedEventId(productId);
  const delivery = await eventually(
    async () => (await deliveriesOf(client, endpointId)).find((found) => found.eventId === eventId),
    (found) => found !== undefined && found.status !== 'PENDING',
  );
  return delivery!;
}

async function productCreatedEventId(productId: string): Promise<string> {
  const [row] = await eventually(
    () => sql<{ id: string }>(`select id from catalog.outbox_event where aggregate_id = $1 and type = 'product.created'`, [productId]),
    (rows) => rows.length === 1,
  );
  return row!.id;
}

let catalogPartner: { client: GraphQLClient; id: string };

beforeAll(async () => {
  catalogPartner = await apiKey(['catalog:read', 'webhooks:write']);
});

describe('partner webhooks', () => {
  it('delivers an event on the third try after the endpoint failed twice, signed so that it verifies, with every attempt listed', async () => {
    const path = `/third-try-${run}`;
    const registered = (await catalogPartner.client.data(RegisterWebhookDocument, { input: { url: `${partner.url}${path}`, events: ['product.created'], description: 'ERP sync' } })).registerWebhook;
    expect(registered.secret).toMatch(/^whsec_/);
    expect(registered.endpoint).toMatchObject({ id: registered.id, events: ['product.created'], enabled: true, description: 'ERP sync', createdBy: `apiKey:${catalogPartner.id}` });
    const stored = await sql<{ secret_sealed: string }>('select secret_sealed from notifications.webhook_endpoint where id = $1', [registered.id]);
    expect(stored[0]!.secret_sealed).not.toContain(registered.secret.slice('whsec_'.length));

    partner.failNext(path, 2);
    const product = await createProduct();
    const delivery = await settledDelivery(catalogPartner.client, registered.id, product.id);

    expect(delivery).toMatchObject({ status: 'SUCCEEDED', attemptCount: 3, lastStatusCode: 200, lastError: null, eventType: 'product.created', nextAttemptAt: null });
    expect(delivery.attempts.map((a) => [a.attempt, a.succeeded, a.statusCode])).toEqual([
      [1, false, 500],
      [2, false, 500],
      [3, true, 200],
    ]);
    expect(delivery.attempts[0]!.error).toMatch(/^HTTP 500: partner is having a bad day/);
    expect(delivery.attempts.every((a) => a.durationMs >= 0)).toBe(true);
    const at = delivery.attempts.map((a) => Date.parse(a.at));
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(SCHEDULE[0]! - 50);
    expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(SCHEDULE[1]! - 50);

    const requests = partner.to(path);
    expect(requests.map((r) => r.answered)).toEqual([500, 500, 200]);
    const last = requests[2]!;
    expect(signatureVerifies(last.headers['x-erp-signature'], last.body, registered.secret)).toBe(true);
    expect(signatureVerifies(last.headers['x-erp-signature'], `${last.body} `, registered.secret)).toBe(false);
    expect(last.headers['x-erp-event-id']).toBe(delivery.eventId);
    expect(last.headers['x-erp-delivery-id']).toBe(delivery.id);
    const body = JSON.parse(last.body);
    expect(body).toEqual({ id: delivery.eventId, type: 'product.created', occurredAt: expect.any(String), data: expect.objectContaining({ productId: product.id, sku: product.sku }) });
    expect(new Set(requests.map((r) => r.body)).size).toBe(1);
  });

  it('replays a delivery as a new try that goes on counting, and keeps a delivery to one endpoint once when the bus delivers its event twice', async () => {
    const path = `/replay-${run}`;
    const registered = (await catalogPartner.client.data(RegisterWebhookDocument, { input: { url: `${partner.url}${path}`, events: ['product.created'] } })).registerWebhook;
    const product = await createProduct();
    const first = await settledDelivery(catalogPartner.client, registered.id, product.id);
    expect(first).toMatchObject({ status: 'SUCCEEDED', attemptCount: 1 });

    const replayed = (await catalogPartner.client.data(ReplayWebhookDeliveryDocument, { id: first.id })).replayWebhookDelivery;
    expect(replayed).toMatchObject({ id: first.id, status: 'PENDING' });
    const after = await eventually(
      async () => (await deliveriesOf(catalogPartner.client, registered.id)).find((d) => d.id === first.id)!,
      (delivery) => delivery.status === 'SUCCEEDED' && delivery.attemptCount === 2,
    );
    expect(after.attempts.map((a) => [a.attempt, a.succeeded])).toEqual([
      [1, true],
      [2, true],
    ]);
    const requests = partner.to(path);
    expect(requests).toHaveLength(2);
    expect(requests[1]!.headers['x-erp-event-id']).toBe(first.eventId);
    expect(requests[1]!.body).toBe(requests[0]!.body);

    // The bus delivers at least once: the same event arriving again makes no second delivery and no second request.
    const [event] = await sql<{ id: string; type: string; aggregate_id: string; payload: Record<string, unknown>; occurred_at: Date }>(
      'select id, type, aggregate_id, payload, occurred_at from catalog.outbox_event where id = $1',
      [first.eventId],
    );
    await bus.deliverAgain('notifications.partner-events', { id: event!.id, type: event!.type, source: 'catalog', aggregateId: event!.aggregate_id, payload: event!.payload, occurredAt: event!.occurred_at.toISOString() });
    expect(await sql('select id from notifications.partner_event where id = $1', [first.eventId])).toHaveLength(1);
    expect(await sql('select id from notifications.webhook_delivery where event_id = $1 and endpoint_id = $2', [first.eventId, registered.id])).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(partner.to(path)).toHaveLength(2);

    expect(errorCodes(await catalogPartner.client.send(ReplayWebhookDeliveryDocument, { id: randomUUID() }))).toEqual(['NOT_FOUND']);
    const other = await apiKey(['catalog:read', 'webhooks:write']);
    expect(errorCodes(await other.client.send(ReplayWebhookDeliveryDocument, { id: first.id }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await other.client.send(WebhookDeliveriesDocument, { endpointId: registered.id }))).toEqual(['NOT_FOUND']);
  });

  it('signs with both secrets during a rotation overlap, then with the new one only', async () => {
    const path = `/rotation-${run}`;
    const registered = (await catalogPartner.client.data(RegisterWebhookDocument, { input: { url: `${partner.url}${path}`, events: ['product.created'] } })).registerWebhook;
    const rotated = (await catalogPartner.client.data(RotateWebhookSecretDocument, { id: registered.id, overlapSeconds: 3 })).rotateWebhookSecret;
    expect(rotated.secret).not.toBe(registered.secret);
    expect(Date.parse(rotated.endpoint.previousSecretExpiresAt!)).toBeGreaterThan(Date.now());

    await settledDelivery(catalogPartner.client, registered.id, (await createProduct()).id);
    const during = partner.to(path)[0]!;
    expect(v1Count(during.headers['x-erp-signature'])).toBe(2);
    expect(signatureVerifies(during.headers['x-erp-signature'], during.body, rotated.secret)).toBe(true);
    expect(signatureVerifies(during.headers['x-erp-signature'], during.body, registered.secret)).toBe(true);

    await new Promise((resolve) => setTimeout(resolve, Date.parse(rotated.endpoint.previousSecretExpiresAt!) - Date.now() + 100));
    await settledDelivery(catalogPartner.client, registered.id, (await createProduct()).id);
    const afterwards = partner.to(path)[1]!;
    expect(v1Count(afterwards.headers['x-erp-signature'])).toBe(1);
    expect(signatureVerifies(afterwards.headers['x-erp-signature'], afterwards.body, rotated.secret)).toBe(true);
    expect(signatureVerifies(afterwards.headers['x-erp-signature'], afterwards.body, registered.secret)).toBe(false);

    // Without an overlap the old secret stops at once.
    const immediate = (await catalogPartner.client.data(RotateWebhookSecretDocument, { id: registered.id, overlapSeconds: 0 })).rotateWebhookSecret;
    expect(immediate.endpoint.previousSecretExpiresAt).toBeNull();
    await settledDelivery(catalogPartner.client, registered.id, (await createProduct()).id);
    const now = partner.to(path)[2]!;
    expect(signatureVerifies(now.headers['x-erp-signature'], now.body, immediate.secret)).toBe(true);
    expect(signatureVerifies(now.headers['x-erp-signature'], now.body, rotated.secret)).toBe(false);
  });

  it('refuses event types the scopes do not read, callers without webhooks:write and bad input, and writes nothing', async () => {
    const ordersOnly = await apiKey(['orders:read', 'webhooks:write']);
    const noWebhooks = await apiKey(['orders:read', 'catalog:read']);
    const sales = (await t.userWith(['sales'])).client;
    const before = await countRows('notifications.webhook_endpoint');
    const input = (events: string[], url = `${partner.url}/refused`) => ({ input: { url, events } });

    expect(errorCodes(await ordersOnly.client.send(RegisterWebhookDocument, input(['invoice.issued'])))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await ordersOnly.client.send(RegisterWebhookDocument, input(['order.placed', 'customer.created'])))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await noWebhooks.client.send(RegisterWebhookDocument, input(['order.placed'])))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await sales.send(RegisterWebhookDocument, input(['order.placed'])))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await t.anonymous.send(RegisterWebhookDocument, input(['order.placed'])))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await ordersOnly.client.send(RegisterWebhookDocument, input(['order.exploded'])))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await ordersOnly.client.send(RegisterWebhookDocument, input([])))).toEqual(['BAD_USER_INPUT']);
    for (const url of ['ftp://partner.example/hooks', 'not a url', 'https://user:secret@partner.example/hooks']) {
      expect(errorCodes(await ordersOnly.client.send(RegisterWebhookDocument, input(['order.placed'], url))), url).toEqual(['BAD_USER_INPUT']);
    }
    expect(await countRows('notifications.webhook_endpoint')).toBe(before);

    // An endpoint is its registering key's (and staff admins'): another key neither sees nor changes it.
    const mine = (await ordersOnly.client.data(RegisterWebhookDocument, input(['order.placed']))).registerWebhook;
    const other = await apiKey(['orders:read', 'webhooks:write']);
    expect(errorCodes(await other.client.send(WebhookEndpointDocument, { id: mine.id }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await other.client.send(RotateWebhookSecretDocument, { id: mine.id }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await other.client.send(DeleteWebhookEndpointDocument, { id: mine.id }))).toEqual(['NOT_FOUND']);
    expect((await other.client.data(WebhookEndpointsDocument, { first: 100 })).webhookEndpoints.edges.map((e) => e.node.id)).not.toContain(mine.id);
    expect((await t.admin.data(WebhookEndpointsDocument, { first: 100 })).webhookEndpoints.edges.map((e) => e.node.id)).toContain(mine.id);
    // Updating checks the events against the caller's scopes again, and the version when given.
    expect(errorCodes(await ordersOnly.client.send(UpdateWebhookEndpointDocument, { id: mine.id, input: { events: ['product.created'] } }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await ordersOnly.client.send(UpdateWebhookEndpointDocument, { id: mine.id, input: { enabled: false, expectedVersion: 99 } }))).toEqual(['CONFLICT']);
    expect(errorCodes(await ordersOnly.client.send(RotateWebhookSecretDocument, { id: mine.id, overlapSeconds: -1 }))).toEqual(['BAD_USER_INPUT']);
    const disabled = (await ordersOnly.client.data(UpdateWebhookEndpointDocument, { id: mine.id, input: { enabled: false, description: 'paused', expectedVersion: mine.endpoint.version } })).updateWebhookEndpoint;
    expect(disabled).toMatchObject({ enabled: false, description: 'paused', disabledReason: `disabled by apiKey:${ordersOnly.id}` });
    expect((await ordersOnly.client.data(DeleteWebhookEndpointDocument, { id: mine.id })).deleteWebhookEndpoint).toBe(mine.id);
    expect(errorCodes(await ordersOnly.client.send(WebhookEndpointDocument, { id: mine.id }))).toEqual(['NOT_FOUND']);

    // The feed is filtered by the same scopes.
    expect(errorCodes(await ordersOnly.client.send(PartnerEventsDocument, { types: ['product.created'] }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await noWebhooks.client.send(PartnerEventsDocument, {}))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await sales.send(PartnerEventsDocument, {}))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await catalogPartner.client.send(PartnerEventsDocument, { first: 500 }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await catalogPartner.client.send(PartnerEventsDocument, { after: 'not-a-cursor' }))).toEqual(['BAD_USER_INPUT']);
    const types = (await catalogPartner.client.data(WebhookEventTypesDocument, {})).webhookEventTypes;
    expect(types).toContainEqual({ type: 'order.placed', scope: 'orders:read', description: expect.any(String) });
  });

  it('counts an endpoint that does not answer in time as a failed try, and gives up after the last', async () => {
    const path = `/hangs-${run}`;
    partner.hang(path);
    const registered = (await catalogPartner.client.data(RegisterWebhookDocument, { input: { url: `${partner.url}${path}`, events: ['product.created'] } })).registerWebhook;
    const delivery = await settledDelivery(catalogPartner.client, registered.id, (await createProduct()).id);
    expect(delivery).toMatchObject({ status: 'FAILED', attemptCount: 3, lastStatusCode: null, lastError: `no answer within ${TIMEOUT_MS} ms`, nextAttemptAt: null });
    expect(delivery.attempts.map((a) => [a.attempt, a.succeeded, a.statusCode, a.error])).toEqual([1, 2, 3].map((n) => [n, false, null, `no answer within ${TIMEOUT_MS} ms`]));
    expect(delivery.attempts.every((a) => a.durationMs >= TIMEOUT_MS - 50)).toBe(true);
    expect(partner.to(path)).toHaveLength(3);
  });

  it("delivers sales' order events to an endpoint whose key reads orders", async () => {
    const path = `/orders-${run}`;
    const ordersPartner = await apiKey(['orders:read', 'webhooks:write']);
    const registered = (await ordersPartner.client.data(RegisterWebhookDocument, { input: { url: `${partner.url}${path}`, events: ['order.placed'] } })).registerWebhook;
    const { customer, products } = await customerAndProducts(t.admin);
    const order = await draftOrder(t.admin, customer.id, [{ productId: products[0]!.id, quantity: 2 }]);
    await t.admin.data(PlaceOrderDocument, { id: order.id, idempotencyKey: `place-${order.id}` });
    const [request] = await eventually(() => partner.to(path), (requests) => requests.length === 1);
    const body = JSON.parse(request!.body);
    expect(body).toMatchObject({ type: 'order.placed', data: { orderId: order.id, customerId: customer.id, to: 'PLACED', lines: [{ productId: products[0]!.id, quantity: 2 }] } });
    expect(signatureVerifies(request!.headers['x-erp-signature'], request!.body, registered.secret)).toBe(true);
    const feed = (await ordersPartner.client.data(PartnerEventsDocument, { first: 100, types: ['order.placed', 'order.status_changed'] })).partnerEvents.edges.map((edge) => edge.node);
    expect(feed.filter((event) => (event.data as { orderId?: string }).orderId === order.id).map((event) => event.type).sort()).toEqual(['order.placed', 'order.status_changed']);
  });

  it('disables the endpoints of an API key when the key is revoked', async () => {
    const key = await apiKey(['catalog:read', 'webhooks:write']);
    const registered = (await key.client.data(RegisterWebhookDocument, { input: { url: `${partner.url}/revoked-${run}`, events: ['product.created'] } })).registerWebhook;
    await t.admin.data(RevokeApiKeyDocument, { id: key.id });
    const endpoint = await eventually(
      async () => (await t.admin.data(WebhookEndpointDocument, { id: registered.id })).webhookEndpoint,
      (value) => !value.enabled,
    );
    expect(endpoint.disabledReason).toBe('its API key was revoked');
  });
});

describe('the partner event feed', () => {
  it('gives a partner that was down every missed event, in a stable order, page by page with cursors', async () => {
    const reader = await apiKey(['catalog:read', 'customers:read', 'webhooks:write']);
    const path = `/down-${run}`;
    partner.setDown(path, true);
    const registered = (await reader.client.data(RegisterWebhookDocument, { input: { url: `${partner.url}${path}`, events: ['product.created', 'customer.created'] } })).registerWebhook;
    const start = (await reader.client.data(PartnerEventsDocument, { first: 100 })).partnerEvents;
    let cursor = start.pageInfo.endCursor;
    for (let page = start; page.pageInfo.hasNextPage; ) {
      page = (await reader.client.data(PartnerEventsDocument, { first: 100, after: cursor })).partnerEvents;
      cursor = page.pageInfo.endCursor ?? cursor;
    }

    // While it is down: products and customers, created one after another.
    const created: string[] = [];
    for (let i = 0; i < 3; i++) {
      created.push((await createProduct()).id);
      created.push((await t.admin.data(CreateCustomerDocument, { input: { name: `Feed customer ${run} ${i}` } })).createCustomer.id);
    }
    const failed = await eventually(
      () => deliveriesOf(reader.client, registered.id),
      (deliveries) => deliveries.length === 6 && deliveries.every((d) => d.status === 'FAILED'),
    );
    expect(failed.every((d) => d.attemptCount === SCHEDULE.length + 1 && d.lastStatusCode === 503)).toBe(true);

    // Back up, it reads on from its last cursor, two at a time.
    const read: { id: string; sequence: string; type: string; data: Record<string, unknown> }[] = [];
    await eventually(
      async () => {
        for (;;) {
          const page = (await reader.client.data(PartnerEventsDocument, { first: 2, after: cursor })).partnerEvents;
          read.push(...page.edges.map((edge) => ({ ...edge.node, data: edge.node.data as Record<string, unknown> })));
          cursor = page.pageInfo.endCursor ?? cursor;
          if (!page.pageInfo.hasNextPage) return read;
        }
      },
      (events) => events.length >= 6,
    );
    const aggregates = read.map((event) => String(event.data.productId ?? event.data.customerId));
    expect(read.map((event) => event.type).sort()).toEqual([...Array(3).fill('customer.created'), ...Array(3).fill('product.created')]);
    expect(new Set(aggregates)).toEqual(new Set(created));
    // Each subgraph's events in the order they happened; the whole feed in one increasing order.
    expect(aggregates.filter((id, index) => read[index]!.type === 'product.created')).toEqual(created.filter((_, i) => i % 2 === 0));
    expect(aggregates.filter((id, index) => read[index]!.type === 'customer.created')).toEqual(created.filter((_, i) => i % 2 === 1));
    const sequences = read.map((event) => BigInt(event.sequence));
    expect(sequences.every((sequence, i) => i === 0 || sequence > sequences[i - 1]!)).toBe(true);
    expect(new Set(failed.map((d) => d.eventId))).toEqual(new Set(read.map((event) => event.id)));

    // Nothing new: an empty page with the same cursor to come back to; reading again from the start gives the same order.
    const empty = (await reader.client.data(PartnerEventsDocument, { first: 2, after: cursor })).partnerEvents;
    expect(empty.edges).toHaveLength(0);
    const again = (await reader.client.data(PartnerEventsDocument, { first: 100, after: start.pageInfo.endCursor })).partnerEvents;
    expect(again.edges.map((edge) => edge.node.id)).toEqual(read.map((event) => event.id));

    // A key that reads only the catalog sees only the products, in the same order.
    const products = (await catalogPartner.client.data(PartnerEventsDocument, { first: 100, types: ['product.created'] })).partnerEvents.edges.map((edge) => edge.node.id);
    expect(products.filter((id) => read.some((event) => event.id === id))).toEqual(read.filter((event) => event.type === 'product.created').map((event) => event.id));
    partner.setDown(path, false);
  });
});
