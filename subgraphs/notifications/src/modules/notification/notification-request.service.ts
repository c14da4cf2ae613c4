import type { Channel } from '@erp/contracts';
import { assertUuid, BadUserInputError, type EntityManager, type RequestContext } from '@erp/platform';
import type { NotificationTemplate } from '../template/notification-template.entity.js';
import { findActiveTemplate } from '../template/template.service.js';
import { normalizeTemplateKey, renderTemplate } from '../template/template.rules.js';
import { recordNotificationRequested } from './notification-events.js';
import { Notification, type AttachmentRef } from './notification.entity.js';
import { assertMessageShape, assertTemplateData, normalizeRecipient, recipientUserId } from './notification.rules.js';

export interface SendNotificationInput {
  channel: Channel;
  to: string;
  templateKey?: string | null;
  subject?: string | null;
  body?: string | null;
  data?: Record<string, unknown> | null;
  customerId?: string | null;
}

/** A notification ready to queue: recipient normalized, subject and body rendered and checked. */
export interface NotificationDraft {
  channel: Channel;
  recipient: string;
  subject: string | null;
  body: string;
  data: Record<string, unknown> | null;
  templateKey: string | null;
  customerId: string | null;
  eventId?: string | null;
  attachments?: AttachmentRef[];
}

/** The active template a sender names; naming one that does not exist (or is inactive) is bad input. */
export async function requireTemplate(em: EntityManager, templateKey: string, channel: Channel): Promise<NotificationTemplate> {
  const key = normalizeTemplateKey(templateKey, 'templateKey');
  const template = await findActiveTemplate(em, key, channel);
  if (!template) throw new BadUserInputError(`No active ${channel} template "${key}".`, { field: 'templateKey' });
  return template;
}

/**
 * Renders a message from a template and/or explicit texts: explicit subject and body win over the template's, and
 * both are Liquid rendered with `data`.
 */
export async function renderMessage(
  channel: Channel,
  template: NotificationTemplate | null,
  explicit: { subject?: string | null; body?: string | null },
  data: Record<string, unknown>,
): Promise<{ subject: string | null; body: string; templateKey: string | null }> {
  const subject = explicit.subject ?? template?.subject ?? null;
  const body = explicit.body ?? template?.body ?? '';
  const rendered = {
    subject: subject?.trim() ? (await renderTemplate(subject, data, 'subject')).trim() : null,
    body: body ? await renderTemplate(body, data, 'body') : '',
  };
  assertMessageShape(channel, rendered);
  return { ...rendered, templateKey: template?.key ?? null };
}

/** Writes the QUEUED notification and its `notification.requested` event; call inside the caller's transaction. */
export async function queueNotification(em: EntityManager, draft: NotificationDraft): Promise<Notification> {
  const notification = em.create(Notification, {
    channel: draft.channel,
    recipient: draft.recipient,
    subject: draft.subject,
    body: draft.body,
    data: draft.data,
    attachments: draft.attachments ?? [],
    templateKey: draft.templateKey,
    eventId: draft.eventId ?? null,
    customerId: draft.customerId,
    userId: recipientUserId(draft.channel, draft.recipient),
  });
  recordNotificationRequested(em, notification);
  await em.flush();
  return notification;
}

/** sendNotification: everything is checked before anything is written; the send itself is a queued job. */
export async function sendNotification(ctx: RequestContext, input: SendNotificationInput): Promise<Notification> {
  const recipient = normalizeRecipient(input.channel, input.to);
  const customerId = input.customerId ? assertUuid(input.customerId, 'customerId') : null;
  const data = assertTemplateData(input.data);
  const template = input.templateKey ? await requireTemplate(ctx.em, input.templateKey, input.channel) : null;
  const message = await renderMessage(input.channel, template, input, data);
  const notification = await ctx.em.transactional((tx) =>
    queueNotification(tx, { channel: input.channel, recipient, ...message, data: input.data ? data : null, customerId }),
  );
  ctx.log.info({ notificationId: notification.id, channel: notification.channel, templateKey: notification.templateKey }, 'notification queued');
  return notification;
}
