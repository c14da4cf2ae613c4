import { invoiceIssued, orderStatusChanged, paymentReceived } from '@erp/contracts';
import { consumeOnce, type DomainEvent, type EntityManager, type Logger, type Subscription, type SubgraphEnvironment } from '@erp/platform';
import { queueNotification, renderMessage, type NotificationDraft } from '../modules/notification/notification-request.service.js';
import { normalizeRecipient } from '../modules/notification/notification.rules.js';
import { findActiveTemplate } from '../modules/template/template.service.js';
import { CustomerContactFragmentDoc, type CustomerContactFragment } from '../peers/generated.js';
import { automaticNotificationFor, type AutomaticNotification } from './automatic-notification.rules.js';
import { AUTOMATIC_CONSUMER } from './job-names.js';

function emailAddress(customer: CustomerContactFragment | null): string | null {
  if (!customer?.email) return null;
  try {
    return normalizeRecipient('EMAIL', customer.email);
  } catch {
    return null;
  }
}

/** The email an event calls for, or null (and why, in the log) when there is none to send. */
async function automaticEmail(em: EntityManager, event: DomainEvent, wanted: AutomaticNotification, customer: CustomerContactFragment | null, log: Logger): Promise<NotificationDraft | null> {
  const recipient = emailAddress(customer);
  if (!customer || !recipient) {
    log.info({ customerId: wanted.customerId, known: customer !== null }, 'customer has no (valid) email address: no automatic email');
    return null;
  }
  // An inactive template switches this automatic email off.
  const template = await findActiveTemplate(em, wanted.templateKey, 'EMAIL');
  if (!template) {
    log.info({ templateKey: wanted.templateKey }, 'no active template: automatic email switched off');
    return null;
  }
  const data = { ...wanted.data, customer: { id: customer.id, name: customer.name, email: recipient } };
  const message = await renderMessage('EMAIL', template, {}, data);
  return { channel: 'EMAIL', recipient, ...message, data, customerId: customer.id, eventId: event.id, attachments: wanted.attachments };
}

/**
 * Emails the customer when their order is confirmed, an invoice is issued (PDF attached) and a payment is received.
 * The customer's address is read from crm before the transaction opens (no connection is held across the call);
 * each event is then handled once (consumeOnce), also when it calls for no email.
 */
export function automaticConsumer(env: SubgraphEnvironment): Subscription {
  return {
    consumer: AUTOMATIC_CONSUMER,
    types: [orderStatusChanged, invoiceIssued, paymentReceived],
    attempts: 5,
    backoffMs: 500,
    handle: async (event: DomainEvent) => {
      const wanted = automaticNotificationFor(event);
      if (!wanted) return;
      const ctx = env.jobContext(event);
      const log = ctx.log.child({ consumer: AUTOMATIC_CONSUMER });
      const customer = await ctx.peers.entity(ctx, 'crm', CustomerContactFragmentDoc, wanted.customerId);
      const { em } = ctx;
      const draft = await automaticEmail(em, event, wanted, customer, log);
      const handled = await consumeOnce(em, AUTOMATIC_CONSUMER, event, async (tx) => {
        if (draft) await queueNotification(tx, draft);
      });
      if (handled && draft) log.info({ templateKey: wanted.templateKey, customerId: draft.customerId }, 'automatic email queued');
    },
  };
}
