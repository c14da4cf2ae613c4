import { OutboxEvent, ProcessedEvent, type SubgraphDefinition } from '@erp/platform';
import { channelProviders } from './channels/providers.js';
import { automaticConsumer } from './jobs/automatic.consumer.js';
import { deliveryConsumer } from './jobs/delivery.consumer.js';
import { notificationsMigrations } from './migrations/index.js';
import { NotificationAttempt } from './modules/notification/notification-attempt.entity.js';
import { Notification } from './modules/notification/notification.entity.js';
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
}

export const DEFAULT_MAIL_FROM = 'ERP <no-reply@erp.localhost>';
const DEFAULT_ATTEMPTS = 5;
const DEFAULT_RETRY_BASE_MS = 1_000;

export function createNotificationsSubgraph(options: NotificationsOptions = {}): SubgraphDefinition {
  return {
    name: 'notifications',
    defaultPort: NOTIFICATIONS_PORT,
    entities: [NotificationTemplate, Notification, NotificationAttempt, OutboxEvent, ProcessedEvent],
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
      return {
        context: { events: env.events },
        consumers: [
          deliveryConsumer(env, providers, { attempts: options.attempts ?? DEFAULT_ATTEMPTS, retryBaseMs: options.retryBaseMs ?? DEFAULT_RETRY_BASE_MS }),
          automaticConsumer(env),
        ],
        stop: () => {
          for (const provider of Object.values(providers)) provider.close?.();
        },
      };
    },
  };
}

/** SMTP_URL, MAIL_FROM, SMS_HTTP_URL, PUSH_HTTP_URL and WEBHOOK_SECRET; unset ones stay unset. */
export function notificationsOptionsFromEnvironment(env: NodeJS.ProcessEnv = process.env): NotificationsOptions {
  return {
    smtpUrl: env.SMTP_URL || null,
    mailFrom: env.MAIL_FROM || null,
    smsUrl: env.SMS_HTTP_URL || null,
    pushUrl: env.PUSH_HTTP_URL || null,
    webhookSecret: env.WEBHOOK_SECRET || null,
  };
}
