import { OutboxEvent, ProcessedEvent, wholeNumberSetting, type SubgraphDefinition, type SubgraphEnvironment } from '@erp/platform';
import { channelProviders } from './channels/providers.js';
import { automaticConsumer } from './jobs/automatic.consumer.js';
import { deliveryConsumer } from './jobs/delivery.consumer.js';
import { partnerEventsConsumer } from './jobs/partner-events.consumer.js';
import { webhookDeliveryConsumer } from './jobs/webhook-delivery.consumer.js';
import { webhookOwnersConsumer } from './jobs/webhook-owners.consumer.js';
import { notificationsMigrations } from './migrations/index.js';
import { NotificationAttempt } from './modules/notification/notification-attempt.entity.js';
import { Notification } from './modules/notification/notification.entity.js';
import { PartnerEvent } from './modules/partner-event/partner-event.entity.js';
import { purgePartnerEvents } from './modules/partner-event/partner-event.service.js';
import { checkedSchedule, DEFAULT_RETRY_SCHEDULE_MS, parseRetrySchedule } from './modules/webhook/retry-schedule.js';
import { WebhookDelivery, WebhookDeliveryAttempt } from './modules/webhook/webhook-delivery.entity.js';
import { WebhookEndpoint } from './modules/webhook/webhook-endpoint.entity.js';
import { SecretBox } from './modules/webhook/webhook-secret.js';
import { ensureDefaultTemplates } from './modules/template/default-templates.js';
import { NotificationTemplate } from './modules/template/notification-template.entity.js';
import { notificationsPolicy } from './policy.js';
import { buildNotificationsSchema } from './schema.js';

export const NOTIFICATIONS_PORT = 4011;

export interface NotificationsOptions {
  /** SMTP_URL, e.g. smtp://user:pass@mail.example.com:587; unset: emails are written to the log. */
  smtpUrl?: string | null;
  /** MAIL_FROM: the sender of emails. */
  mailFrom?: string | null;
  /** SMS_HTTP_URL: the gateway SMS are POSTed to; unset: written to the log. */
  smsUrl?: string | null;
  /** PUSH_HTTP_URL: the gateway push messages are POSTed to; unset: written to the log. */
  pushUrl?: string | null;
  /** WEBHOOK_SECRET: the HMAC-SHA256 key webhooks are signed with. */
  webhookSecret?: string | null;
  /** The first retry waits this long, each next one twice as long (default 1000 ms). */
  retryBaseMs?: number;
  /** Tries per notification before it is FAILED (default 5). */
  attempts?: number;
  /** WEBHOOK_ENCRYPTION_KEY: seals partner endpoints' secrets at rest (≥ 32 characters); unset: derived from the router secret. */
  webhookEncryptionKey?: string | null;
  /** WEBHOOK_RETRY_SCHEDULE: the waits between tries of a partner webhook, in ms (default retry-schedule.ts, over a day). */
  webhookRetrySchedule?: readonly number[] | null;
  /** WEBHOOK_TIMEOUT_MS: a partner webhook try without an answer this long has failed (default 10 s). */
  webhookTimeoutMs?: number | null;
  /** PARTNER_EVENT_RETENTION_DAYS: how long the feed keeps events, with their deliveries (default 30, at least 2). */
  partnerEventRetentionDays?: number | null;
}

export const DEFAULT_MAIL_FROM = 'ERP <no-reply@erp.localhost>';
const DEFAULT_ATTEMPTS = 5;
const DEFAULT_RETRY_BASE_MS = 1_000;
export const DEFAULT_WEBHOOK_TIMEOUT_MS = 10_000;
export const DEFAULT_PARTNER_EVENT_RETENTION_DAYS = 30;
/** The feed outlives a webhook's tries (a day and more), so a partner can always reconcile what failed. */
const MIN_PARTNER_EVENT_RETENTION_DAYS = 2;
const PURGE_EVERY_MS = 60 * 60 * 1000;

/** Deletes feed events past their retention now and every hour; returns what stops it. */
function schedulePartnerEventPurge(env: SubgraphEnvironment, retentionDays: number): () => void {
  const purge = () =>
    void purgePartnerEvents(env.orm.em.fork(), retentionDays)
      .then((deleted) => deleted > 0 && env.log.info({ deleted, retentionDays }, 'partner events past their retention purged'))
      .catch((error: unknown) => env.log.warn({ err: error }, 'partner event purge failed'));
  purge();
  const timer = setInterval(purge, PURGE_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}

export function createNotificationsSubgraph(options: NotificationsOptions = {}): SubgraphDefinition {
  return {
    name: 'notifications',
    defaultPort: NOTIFICATIONS_PORT,
    entities: [NotificationTemplate, Notification, NotificationAttempt, WebhookEndpoint, WebhookDelivery, WebhookDeliveryAttempt, PartnerEvent, OutboxEvent, ProcessedEvent],
    migrations: notificationsMigrations,
    policy: notificationsPolicy,
    // Automatic emails read the customer's address from crm and attach the invoice's PDF from billing.
    serviceScopes: ['customers:read', 'invoices:read'],
    buildSchema: buildNotificationsSchema,
    async start(env) {
      const created = await ensureDefaultTemplates(env.orm.em.fork());
      if (created > 0) env.log.info({ created }, 'default notification templates created');
      const providers = channelProviders(
        { smtpUrl: options.smtpUrl, mailFrom: options.mailFrom ?? DEFAULT_MAIL_FROM, smsUrl: options.smsUrl, pushUrl: options.pushUrl, webhookSecret: options.webhookSecret },
        env.log,
      );
      const { box: webhookSecrets, derived } = SecretBox.from(options.webhookEncryptionKey, env.routerSecret);
      if (derived) env.log.warn('WEBHOOK_ENCRYPTION_KEY not set: webhook endpoint secrets are sealed with a key derived from ROUTER_SECRET; set it in production');
      const retentionDays = options.partnerEventRetentionDays ?? DEFAULT_PARTNER_EVENT_RETENTION_DAYS;
      if (retentionDays < MIN_PARTNER_EVENT_RETENTION_DAYS) throw new Error(`PARTNER_EVENT_RETENTION_DAYS must be at least ${MIN_PARTNER_EVENT_RETENTION_DAYS}.`);
      const stopPurge = schedulePartnerEventPurge(env, retentionDays);
      const sender = {
        secrets: webhookSecrets,
        schedule: checkedSchedule(options.webhookRetrySchedule ?? DEFAULT_RETRY_SCHEDULE_MS),
        timeoutMs: options.webhookTimeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS,
      };
      return {
        context: { events: env.events, webhookSecrets },
        consumers: [
          deliveryConsumer(env, providers, { attempts: options.attempts ?? DEFAULT_ATTEMPTS, retryBaseMs: options.retryBaseMs ?? DEFAULT_RETRY_BASE_MS }),
          automaticConsumer(env),
          partnerEventsConsumer(env),
          webhookDeliveryConsumer(env, sender),
          webhookOwnersConsumer(env),
        ],
        stop: () => {
          stopPurge();
          for (const provider of Object.values(providers)) provider.close?.();
        },
      };
    },
  };
}

/**
 * SMTP_URL, MAIL_FROM, SMS_HTTP_URL, PUSH_HTTP_URL, WEBHOOK_SECRET, WEBHOOK_ENCRYPTION_KEY, WEBHOOK_RETRY_SCHEDULE,
 * WEBHOOK_TIMEOUT_MS and PARTNER_EVENT_RETENTION_DAYS; unset ones stay unset, malformed ones stop the start.
 */
export function notificationsOptionsFromEnvironment(env: NodeJS.ProcessEnv = process.env): NotificationsOptions {
  return {
    smtpUrl: env.SMTP_URL || null,
    mailFrom: env.MAIL_FROM || null,
    smsUrl: env.SMS_HTTP_URL || null,
    pushUrl: env.PUSH_HTTP_URL || null,
    webhookSecret: env.WEBHOOK_SECRET || null,
    webhookEncryptionKey: env.WEBHOOK_ENCRYPTION_KEY || null,
    webhookRetrySchedule: env.WEBHOOK_RETRY_SCHEDULE ? parseRetrySchedule(env.WEBHOOK_RETRY_SCHEDULE) : null,
    webhookTimeoutMs: wholeNumberSetting(env, 'WEBHOOK_TIMEOUT_MS', 100) ?? null,
    partnerEventRetentionDays: wholeNumberSetting(env, 'PARTNER_EVENT_RETENTION_DAYS', MIN_PARTNER_EVENT_RETENTION_DAYS) ?? null,
  };
}
