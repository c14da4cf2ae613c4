import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BullMqEventBus, purgePublishedEvents, type EventBus, type EventJob, type FailedJob, type Subscription } from '@erp/platform';
import type { GraphQLClient } from '../support/client.js';
import { customerAndProducts, draftOrder } from '../support/commerce.js';
import { sql } from '../support/database.js';
import { eventually } from '../support/eventually.js';
import { OwnRedis } from '../support/own-redis.js';
import { useTestPlatform } from '../support/platform.js';
import { ConfirmOrderDocument, PlaceOrderDocument } from '../generated/graphql.js';

const BILLING_CONSUMER = 'billing.order-events';
const REDELIVER_AFTER_MS = 1_500;

/**
 * The platform's bus, but billing's order consumer runs on a bus of its own on the same Redis and prefix, as if
 * billing were its own process: the test stops it and starts it again.
 */
class BillingApart implements EventBus {
  private own: BullMqEventBus | null = null;
  private subscription: Subscription | null = null;

  constructor(
    private readonly shared: EventBus,
    private readonly makeBus: () => BullMqEventBus,
  ) {}

  enqueue(jobs: EventJob[]): Promise<void> {
    return this.shared.enqueue(jobs);
  }

  async subscribe(subscription: Subscription): Promise<void> {
    if (subscription.consumer !== BILLING_CONSUMER) return this.shared.subscribe(subscription);
    this.subscription = subscription;
    await this.startBilling();
  }

  async stopBilling(): Promise<void> {
    await this.own?.close();
    this.own = null;
  }

  async startBilling(): Promise<void> {
    this.own = this.makeBus();
    await this.own.subscribe(this.subscription!);
  }

  reachable(): Promise<boolean> {
    return this.shared.reachable();
  }

  failedJobs(): Promise<FailedJob[]> {
    return this.shared.failedJobs();
  }

  async close(): Promise<void> {
    await this.stopBilling();
    await this.shared.close();
  }
}

// The test empties this Redis: its own server, never the one other files share.
const redis = await OwnRedis.start();
afterAll(async () => {
  await redis.remove();
});
let bus: BillingApart;
const t = useTestPlatform({
  redis: redis.url,
  redeliverAfterMs: REDELIVER_AFTER_MS,
  wrapEvents: (shared, { redisUrl, prefix }) => (bus = new BillingApart(shared, () => new BullMqEventBus(redisUrl!, prefix))),
});
let sales: GraphQLClient;

beforeAll(async () => {
  sales = (await t.userWith(['sales'])).client;
});

async function restartEmpty(): Promise<void> {
  spawnSync('redis-cli', ['-p', String(redis.port), 'flushall']);
  await redis.stop();
  await redis.resume();
  expect(spawnSync('redis-cli', ['-p', String(redis.port), 'dbsize'], { encoding: 'utf8' }).stdout.trim()).toBe('0');
}

const confirmationOf = async (orderId: string) =>
  (await sql<{ id: string; published: boolean }>(
    "select id, published_at is not null as published from sales.outbox_event where aggregate_id = $1 and type = 'order.status_changed' and payload->>'to' = 'CONFIRMED'",
    [orderId],
  ))[0];
const deliveriesOf = (eventId: string) =>
  sql<{ consumer: string; acked: boolean }>('select consumer, acked_at is not null as acked from erp_bus.delivery where event_id = $1 order by consumer', [eventId]);
const invoicesOf = (orderId: string) => sql<{ id: string; status: string }>('select id, status from billing.invoice where order_id = $1', [orderId]);

describe('events when Redis restarts empty', () => {
  it('drafts the invoice of an order confirmed while billing was stopped exactly once, after Redis lost its job', async () => {
    const { customer, products } = await customerAndProducts(sales);
    const order = await draftOrder(sales, customer.id, [{ productId: products[0]!.id, quantity: 2 }]);
    await sales.data(PlaceOrderDocument, { id: order.id, idempotencyKey: randomUUID() });

    await bus.stopBilling();
    await sales.data(ConfirmOrderDocument, { id: order.id });
    // The relay has handed the confirmation to Redis, and the ledger says billing owes it.
    const confirmation = await eventually(() => confirmationOf(order.id), (row) => row?.published === true);
    expect(confirmation?.published).toBe(true);
    expect(await deliveriesOf(confirmation!.id)).toContainEqual({ consumer: BILLING_CONSUMER, acked: false });

    // Purging old events keeps one a consumer still owes, however old.
    await sql("update sales.outbox_event set published_at = now() - interval '30 days' where id = $1", [confirmation!.id]);
    await purgePublishedEvents(t.platform.subgraphs.sales!.orm);
    expect(await confirmationOf(order.id)).toBeDefined();

    await restartEmpty();
    await bus.startBilling();

    const invoices = await eventually(() => invoicesOf(order.id), (rows) => rows.length > 0, 15_000);
    expect(invoices).toEqual([{ id: expect.any(String), status: 'DRAFT' }]);
    const deliveries = await eventually(() => deliveriesOf(confirmation!.id), (rows) => rows.every((row) => row.acked));
    expect(deliveries).toContainEqual({ consumer: BILLING_CONSUMER, acked: true });
    expect(deliveries.every((row) => row.acked)).toBe(true);
    // Nothing is owed any more, so nothing comes again: still one invoice after two more redelivery periods.
    await new Promise((resolve) => setTimeout(resolve, 2 * REDELIVER_AFTER_MS));
    expect(await invoicesOf(order.id)).toHaveLength(1);
    const [processed] = await sql<{ count: string }>('select count(*) from billing.processed_event where event_id = $1', [confirmation!.id]);
    expect(processed!.count).toBe('1');
  });
});
