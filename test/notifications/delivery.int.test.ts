import { createHmac, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, type GraphQLClient } from '../support/client.js';
import { countRows, sql } from '../support/database.js';
import { useTestPlatform } from '../support/platform.js';
import {
  CreateApiKeyDocument,
  CreateNotificationTemplateDocument,
  FailedJobsDocument,
  NotificationDocument,
  NotificationsDocument,
  NotificationTemplateDocument,
  NotificationTemplatesDocument,
  NotificationTemplatesPageDocument,
  SendNotificationDocument,
  UpdateNotificationTemplateDocument,
  type SendNotificationInput,
} from '../generated/graphql.js';
import { eventually } from '../support/eventually.js';
import { HttpReceiver } from './http-receiver.js';
import { FaultyBus } from '../support/faulty-bus.js';
import { SmtpInbox } from './smtp-inbox.js';

const WEBHOOK_SECRET = 'test-webhook-secret';
const inbox = await new SmtpInbox().start();
const brokenReceiver = await new HttpReceiver(500).start();
// Three tries 50 ms and 100 ms apart: a retried notification settles within a second.
let bus: FaultyBus;
const t = useTestPlatform({
  wrapEvents: (inner) => (bus = new FaultyBus(inner)),
  notifications: { smtpUrl: inbox.url, webhookSecret: WEBHOOK_SECRET, retryBaseMs: 50, attempts: 3 },
});
const run = randomUUID().slice(0, 8);
let manager: GraphQLClient;
let sales: GraphQLClient;

beforeAll(async () => {
  manager = (await t.userWith(['manager'])).client;
  sales = (await t.userWith(['sales'])).client;
});

afterAll(async () => {
  await inbox.close();
  await brokenReceiver.close();
});

async function settled(id: string) {
  const viewed = await eventually(() => t.admin.data(NotificationDocument, { id }), (data) => data.notification.status !== 'QUEUED');
  return viewed.notification;
}

function outboxOf(notificationId: string) {
  return sql<{ id: string; type: string; aggregate_id: string; payload: Record<string, unknown>; occurred_at: Date }>(
    'select id, type, aggregate_id, payload, occurred_at from notifications.outbox_event where aggregate_id = $1 order by occurred_at, type',
    [notificationId],
  );
}

describe('sending notifications as queued jobs with retries', () => {
  it('delivers an email on the third try after the SMTP server refused the first two, logging every try, and never twice', async () => {
    const to = `retry-${run}@test.erp`;
    inbox.refuseNext(to, 2);
    const queued = (
      await t.admin.data(SendNotificationDocument, {
        input: { channel: 'EMAIL', to, subject: 'Hello {{ name }}', body: 'Your code is {{ code }}.', data: { name: 'Ada', code: 'X-42' } },
      })
    ).sendNotification;
    expect(queued).toMatchObject({ status: 'QUEUED', attemptCount: 0, recipient: to, subject: 'Hello Ada', body: 'Your code is X-42.', sentAt: null });

    const notification = await settled(queued.id);
    expect(notification).toMatchObject({ status: 'SENT', attemptCount: 3, lastError: null });
    expect(inbox.refusedFor(to)).toBe(2);
    const mails = inbox.to(to);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.mail.subject).toBe('Hello Ada');
    expect(mails[0]!.mail.text).toContain('Your code is X-42.');

    expect(notification.attempts.map((a) => [a.attempt, a.status])).toEqual([
      [1, 'FAILED'],
      [2, 'FAILED'],
      [3, 'SENT'],
    ]);
    expect(notification.attempts[0]!.error).toMatch(/451/);
    expect(notification.attempts[1]!.error).toMatch(/451/);
    expect(notification.attempts[2]!.error).toBeNull();
    const times = notification.attempts.map((a) => Date.parse(a.at));
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(40);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(90);

    const listed = await t.admin.data(NotificationsDocument, { first: 100, filter: { channel: 'EMAIL', status: 'SENT' } });
    const node = listed.notifications.edges.find((edge) => edge.node.id === queued.id)?.node;
    expect(node?.attempts.map((a) => a.status)).toEqual(['FAILED', 'FAILED', 'SENT']);
    expect((await outboxOf(queued.id)).map((e) => e.type)).toEqual(['notification.requested', 'notification.sent']);

    // The bus delivers at least once: the same request arriving again sends nothing and logs no try.
    const [requested] = await outboxOf(queued.id);
    await bus.deliverAgain('notifications.delivery', { id: requested!.id, type: requested!.type, source: 'notifications', aggregateId: requested!.aggregate_id, payload: requested!.payload, occurredAt: requested!.occurred_at.toISOString() });
    await eventually(() => bus.handledOf('notifications.delivery', requested!.id), (handled) => handled.length === 4);
    expect(bus.handledOf('notifications.delivery', requested!.id).map((h) => h.ok)).toEqual([false, false, true, true]);
    expect(inbox.to(to)).toHaveLength(1);
    expect((await t.admin.data(NotificationDocument, { id: queued.id })).notification.attempts).toHaveLength(3);
  });

  it('refuses bad input with BAD_USER_INPUT and writes nothing', async () => {
    const before = { notifications: await countRows('notifications.notification'), events: await countRows('notifications.outbox_event') };
    const bad: SendNotificationInput[] = [
      { channel: 'EMAIL', to: 'not-an-email', subject: 'Hi', body: 'Hello' },
      { channel: 'SMS', to: '12345', body: 'Hello' },
      { channel: 'WEBHOOK', to: 'ftp://example.com/hook', body: 'Hello' },
      { channel: 'WEBHOOK', to: 'not a url', body: 'Hello' },
      { channel: 'IN_APP', to: 'somebody', body: 'Hello' },
      { channel: 'EMAIL', to: `someone-${run}@test.erp`, templateKey: 'no.such-template' },
      { channel: 'SMS', to: '+4930123456' },
      { channel: 'EMAIL', to: `someone-${run}@test.erp`, body: 'An email without a subject' },
      { channel: 'EMAIL', to: `someone-${run}@test.erp`, subject: 'Hi', body: '{% if %}broken' },
      { channel: 'EMAIL', to: `someone-${run}@test.erp`, subject: 'Hi', body: 'Hello', customerId: 'not-a-uuid' },
    ];
    for (const input of bad) {
      const result = await t.admin.send(SendNotificationDocument, { input });
      expect(errorCodes(result), JSON.stringify(input)).toEqual(['BAD_USER_INPUT']);
    }
    expect(await countRows('notifications.notification')).toBe(before.notifications);
    expect(await countRows('notifications.outbox_event')).toBe(before.events);
  });

  it('parks a webhook that fails every try as a failed job that only admins can list', async () => {
    const queued = (
      await t.admin.data(SendNotificationDocument, { input: { channel: 'WEBHOOK', to: `${brokenReceiver.url}/hooks/${run}`, body: 'ping {{ n }}', data: { n: 7 } } })
    ).sendNotification;
    const notification = await settled(queued.id);
    expect(notification).toMatchObject({ status: 'FAILED', attemptCount: 3, lastError: expect.stringContaining('500') });
    expect(notification.attempts.map((a) => [a.attempt, a.status])).toEqual([
      [1, 'FAILED'],
      [2, 'FAILED'],
      [3, 'FAILED'],
    ]);

    const deliveries = brokenReceiver.requests.filter((r) => r.headers['x-erp-notification-id'] === queued.id);
    expect(deliveries).toHaveLength(3);
    for (const delivery of deliveries) {
      const timestamp = String(delivery.headers['x-erp-timestamp']);
      const expected = `sha256=${createHmac('sha256', WEBHOOK_SECRET).update(`${timestamp}.${delivery.body}`).digest('hex')}`;
      expect(delivery.headers['x-erp-signature']).toBe(expected);
      expect(JSON.parse(delivery.body)).toMatchObject({ notificationId: queued.id, body: 'ping 7', data: { n: 7 } });
    }

    const events = await outboxOf(queued.id);
    expect(events.map((e) => e.type)).toEqual(['notification.requested', 'notification.failed']);
    const requested = events.find((e) => e.type === 'notification.requested')!;
    const failed = await eventually(
      () => t.admin.data(FailedJobsDocument),
      (data) => data.failedJobs.some((job) => job.eventId === requested.id),
    );
    expect(failed.failedJobs.find((job) => job.eventId === requested.id)).toMatchObject({
      consumer: 'notifications.delivery',
      service: 'notifications',
      eventType: 'notification.requested',
      attempts: 3,
      error: expect.stringContaining('500'),
    });

    expect(errorCodes(await manager.send(FailedJobsDocument))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await t.anonymous.send(FailedJobsDocument))).toEqual(['UNAUTHENTICATED']);
  });

  it('sends IN_APP by recording notification.received, and a user reads only their own', async () => {
    const alice = await t.userWith(['employee']);
    const bob = await t.userWith(['employee']);
    const queued = (await t.admin.data(SendNotificationDocument, { input: { channel: 'IN_APP', to: alice.id, subject: 'Shift', body: 'Your shift starts at {{ at }}', data: { at: '9:00' } } }))
      .sendNotification;
    const notification = await settled(queued.id);
    expect(notification).toMatchObject({ status: 'SENT', userId: alice.id, attemptCount: 1 });
    const received = (await outboxOf(queued.id)).find((e) => e.type === 'notification.received');
    expect(received?.payload).toEqual({ notificationId: queued.id, userId: alice.id, subject: 'Shift', body: 'Your shift starts at 9:00', createdAt: expect.any(String) });

    const own = await alice.client.data(NotificationsDocument, { first: 10 });
    expect(own.notifications.totalCount).toBe(1);
    expect(own.notifications.edges[0]!.node).toMatchObject({ id: queued.id, channel: 'IN_APP', attempts: [{ attempt: 1, status: 'SENT', error: null }] });
    expect((await bob.client.data(NotificationsDocument, { first: 10 })).notifications.totalCount).toBe(0);
    expect(errorCodes(await bob.client.send(NotificationDocument, { id: queued.id }))).toEqual(['NOT_FOUND']);

    const email = (await t.admin.data(SendNotificationDocument, { input: { channel: 'EMAIL', to: `other-${run}@test.erp`, subject: 'Hi', body: 'Hello' } })).sendNotification;
    expect(errorCodes(await alice.client.send(NotificationDocument, { id: email.id }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await sales.send(SendNotificationDocument, { input: { channel: 'IN_APP', to: alice.id, body: 'Hi' } }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await t.anonymous.send(NotificationsDocument, { first: 10 }))).toEqual(['UNAUTHENTICATED']);
  });

  it('pages notifications newest first with totalCount, loading the attempts of a page without N+1', async () => {
    const recipient = (await t.userWith(['employee'])).id;
    for (let i = 0; i < 12; i += 1) {
      await t.admin.data(SendNotificationDocument, { input: { channel: 'IN_APP', to: recipient, body: `Message ${i}` } });
    }
    await eventually(() => sql<{ n: string }>("select count(*) as n from notifications.notification where user_id = $1 and status = 'SENT'", [recipient]), (rows) => rows[0]!.n === '12');

    const filter = { channel: 'IN_APP' as const };
    const firstPage = await t.admin.data(NotificationsDocument, { first: 5, filter });
    const secondPage = await t.admin.data(NotificationsDocument, { first: 5, after: firstPage.notifications.pageInfo.endCursor, filter });
    expect(firstPage.notifications.totalCount).toBeGreaterThanOrEqual(12);
    expect(firstPage.notifications.pageInfo.hasNextPage).toBe(true);
    const ids = [...firstPage.notifications.edges, ...secondPage.notifications.edges].map((edge) => edge.node.id);
    expect(new Set(ids).size).toBe(10);
    const created = [...firstPage.notifications.edges, ...secondPage.notifications.edges].map((edge) => Date.parse(edge.node.createdAt));
    expect(created).toEqual([...created].sort((a, b) => b - a));

    const two = await t.countStatements(() => t.admin.data(NotificationsDocument, { first: 2, filter }));
    const ten = await t.countStatements(() => t.admin.data(NotificationsDocument, { first: 10, filter }));
    expect(ten.result.notifications.edges.every((edge) => edge.node.attempts.length === 1)).toBe(true);
    expect(ten.statements).toBe(two.statements);
    expect(errorCodes(await t.admin.send(NotificationsDocument, { first: 101 }))).toEqual(['BAD_USER_INPUT']);
  });

  it('manages templates: Liquid checked, keys unique per channel, rendered with the data sent', async () => {
    const defaults = await manager.data(NotificationTemplatesDocument, { first: 100 });
    expect(defaults.notificationTemplates.edges.filter((edge) => edge.node.channel === 'EMAIL').map((edge) => edge.node.key)).toEqual(
      expect.arrayContaining(['order.confirmed', 'invoice.issued', 'payment.received']),
    );
    const keys = defaults.notificationTemplates.edges.map((edge) => edge.node.key);
    expect(keys).toEqual([...keys].sort());

    const key = `test.welcome-${run}`;
    const created = (await manager.data(CreateNotificationTemplateDocument, { input: { key, channel: 'EMAIL', subject: 'Welcome {{ user.name }}', body: 'Hi {{ user.name }}!' } }))
      .createNotificationTemplate;
    expect(created).toMatchObject({ key, channel: 'EMAIL', active: true, version: 1 });
    expect(errorCodes(await manager.send(CreateNotificationTemplateDocument, { input: { key, channel: 'EMAIL', subject: 'Again', body: 'Again' } }))).toEqual(['CONFLICT']);
    expect(errorCodes(await manager.send(CreateNotificationTemplateDocument, { input: { key: `${key}-b`, channel: 'SMS', body: 'Hi {{ user.name' } }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await manager.send(CreateNotificationTemplateDocument, { input: { key: 'Not A Key', channel: 'SMS', body: 'Hi' } }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await sales.send(CreateNotificationTemplateDocument, { input: { key: `${key}-c`, channel: 'SMS', body: 'Hi' } }))).toEqual(['FORBIDDEN']);

    const updated = (await manager.data(UpdateNotificationTemplateDocument, { id: created.id, input: { body: 'Hello {{ user.name }}, welcome aboard.', expectedVersion: 1 } }))
      .updateNotificationTemplate;
    expect(updated).toMatchObject({ body: 'Hello {{ user.name }}, welcome aboard.', version: 2 });
    expect(errorCodes(await manager.send(UpdateNotificationTemplateDocument, { id: created.id, input: { body: 'Stale', expectedVersion: 1 } }))).toEqual(['CONFLICT']);

    const to = `welcome-${run}@test.erp`;
    const queued = (await manager.data(SendNotificationDocument, { input: { channel: 'EMAIL', to, templateKey: key, data: { user: { name: 'Grace' } } } })).sendNotification;
    expect(queued).toMatchObject({ templateKey: key, subject: 'Welcome Grace', body: 'Hello Grace, welcome aboard.' });
    await eventually(() => inbox.to(to), (mails) => mails.length > 0);
    expect(inbox.to(to)[0]!.mail.subject).toBe('Welcome Grace');

    await manager.data(UpdateNotificationTemplateDocument, { id: created.id, input: { active: false } });
    expect(errorCodes(await manager.send(SendNotificationDocument, { input: { channel: 'EMAIL', to, templateKey: key, data: {} } }))).toEqual(['BAD_USER_INPUT']);
  });

  it('reads a template by id, and lists templates by channel, key and active, paged by key', async () => {
    const prefix = `test.read-${run}`;
    const created = [];
    for (const [suffix, channel] of [['b', 'SMS'], ['a', 'SMS'], ['c', 'SMS'], ['a', 'EMAIL']] as const) {
      const input = { key: `${prefix}.${suffix}`, channel, body: `Body ${suffix}`, subject: channel === 'EMAIL' ? 'Subject' : null };
      created.push((await manager.data(CreateNotificationTemplateDocument, { input })).createNotificationTemplate);
    }
    await manager.data(UpdateNotificationTemplateDocument, { id: created[2]!.id, input: { active: false } });

    const read = (await manager.data(NotificationTemplateDocument, { id: created[3]!.id })).notificationTemplate;
    expect(read).toMatchObject({ id: created[3]!.id, key: `${prefix}.a`, channel: 'EMAIL', subject: 'Subject', body: 'Body a', active: true, version: 1 });
    expect(Date.parse(read.updatedAt)).toBeGreaterThanOrEqual(Date.parse(read.createdAt));
    expect(errorCodes(await manager.send(NotificationTemplateDocument, { id: randomUUID() }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await sales.send(NotificationTemplateDocument, { id: created[0]!.id }))).toEqual(['FORBIDDEN']);

    const sms = async (extra: Record<string, unknown>) =>
      (await manager.data(NotificationTemplatesPageDocument, { first: 100, filter: { channel: 'SMS', ...extra } })).notificationTemplates.edges
        .map((e) => e.node)
        .filter((node) => node.key.startsWith(prefix));
    expect((await sms({})).map((node) => [node.key, node.active])).toEqual([
      [`${prefix}.a`, true],
      [`${prefix}.b`, true],
      [`${prefix}.c`, false],
    ]);
    expect((await sms({ active: false })).map((node) => node.key)).toEqual([`${prefix}.c`]);
    const byKey = (await manager.data(NotificationTemplatesPageDocument, { filter: { key: ` ${prefix}.a ` } })).notificationTemplates;
    expect(byKey.edges.map((e) => e.node.channel).sort()).toEqual(['EMAIL', 'SMS']);
    expect(errorCodes(await manager.send(NotificationTemplatesPageDocument, { filter: { key: 'Not A Key' } }))).toEqual(['BAD_USER_INPUT']);

    const firstPage = (await manager.data(NotificationTemplatesPageDocument, { first: 2, filter: { channel: 'SMS' } })).notificationTemplates;
    const nextPage = (await manager.data(NotificationTemplatesPageDocument, { first: 2, after: firstPage.pageInfo.endCursor, filter: { channel: 'SMS' } })).notificationTemplates;
    const paged = [...firstPage.edges, ...nextPage.edges].map((e) => e.node.key);
    expect(new Set(paged).size).toBe(Math.min(4, firstPage.totalCount));
    expect(paged).toEqual([...paged].sort());
  });

  it('refuses the notification list to an API key without notifications:read', async () => {
    const key = (await t.admin.data(CreateApiKeyDocument, { input: { name: `no notifications ${run}`, scopes: ['customers:read'] } })).createApiKey;
    const partner = t.anonymous.withHeaders({ 'x-api-key': key.secret });
    expect(errorCodes(await partner.send(NotificationsDocument, { first: 1 }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await partner.send(NotificationDocument, { id: randomUUID() }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await partner.send(NotificationDocument, { id: 'not-an-id' }))).toEqual(['NOT_FOUND']);
  });
});
