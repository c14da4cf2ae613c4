import { notificationReceived } from '@erp/contracts';
import { recordEvent, type Delivery, type EntityManager, type Logger } from '@erp/platform';
import { LockMode } from '@mikro-orm/core';
import type { Attachment, ChannelProviders, OutgoingMessage, SentMessage } from '../../channels/channel-provider.js';
import { recordNotificationFailed, recordNotificationSent } from './notification-events.js';
import { NotificationAttempt } from './notification-attempt.entity.js';
import { Notification, type AttachmentRef } from './notification.entity.js';

const MAX_ERROR_LENGTH = 2_000;
// Background work stays out of the query log (statement counts in tests and benchmarks measure requests).
const QUIET = { loggerContext: { enabled: false } };

export interface DeliveryDependencies {
  /** A fresh EntityManager for this try (see jobEntityManager). */
  em: EntityManager;
  providers: ChannelProviders;
  fetchAttachments(refs: AttachmentRef[]): Promise<Attachment[]>;
  log: Logger;
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.slice(0, MAX_ERROR_LENGTH);
}

function outgoing(notification: Notification, attachments: Attachment[]): OutgoingMessage {
  return {
    notificationId: notification.id,
    channel: notification.channel,
    recipient: notification.recipient,
    subject: notification.subject,
    body: notification.body,
    templateKey: notification.templateKey,
    data: notification.data,
    attachments,
    createdAt: notification.createdAt,
  };
}

async function recordSuccess(em: EntityManager, id: string, delivery: Delivery, sent: SentMessage): Promise<void> {
  await em.transactional(async (tx) => {
    const notification = await tx.findOneOrFail(Notification, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    // A concurrent delivery of the same request got here first: its mark and events stand.
    if (notification.status === 'SENT') return;
    tx.create(NotificationAttempt, { notification, attempt: delivery.attempt, status: 'SENT' });
    notification.status = 'SENT';
    notification.sentAt = new Date();
    notification.attemptCount = delivery.attempt;
    notification.lastError = null;
    recordNotificationSent(tx, notification);
    if (sent.received) recordEvent(tx, notificationReceived, notification.id, sent.received);
    await tx.flush();
  }, QUIET);
}

/** In its own transaction, after the failed try: the log of tries survives the failure that the bus retries. */
async function recordFailure(em: EntityManager, id: string, delivery: Delivery, error: string): Promise<boolean> {
  const last = delivery.attempt >= delivery.attempts;
  await em.transactional(async (tx) => {
    const notification = await tx.findOneOrFail(Notification, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    tx.create(NotificationAttempt, { notification, attempt: delivery.attempt, status: 'FAILED', error });
    notification.attemptCount = delivery.attempt;
    notification.lastError = error;
    if (last) {
      notification.status = 'FAILED';
      recordNotificationFailed(tx, notification);
    }
    await tx.flush();
  }, QUIET);
  return last;
}

/**
 * One try to send a queued notification. Every try is logged as a NotificationAttempt; a failed try throws so the
 * bus retries it with backoff, and the last one marks the notification FAILED. A notification that is no longer
 * QUEUED (a redelivered event) is not sent again.
 */
export async function deliverNotification(deps: DeliveryDependencies, notificationId: string, delivery: Delivery): Promise<void> {
  const { em, log } = deps;
  const notification = await em.findOne(Notification, { id: notificationId });
  if (!notification) {
    log.warn({ notificationId }, 'notification to deliver does not exist');
    return;
  }
  if (notification.status !== 'QUEUED') {
    log.info({ notificationId, status: notification.status }, 'notification already handled: not sent again');
    return;
  }
  let sent: SentMessage;
  try {
    const attachments = await deps.fetchAttachments(notification.attachments);
    sent = await deps.providers[notification.channel].send(outgoing(notification, attachments));
  } catch (error) {
    const text = errorText(error);
    const last = await recordFailure(em, notificationId, delivery, text);
    log.warn({ notificationId, channel: notification.channel, attempt: delivery.attempt, of: delivery.attempts, error: text }, last ? 'notification failed on its last try' : 'notification try failed: retrying with backoff');
    throw error;
  }
  await recordSuccess(em, notificationId, delivery, sent);
  log.info({ notificationId, channel: notification.channel, attempt: delivery.attempt }, 'notification sent');
}
