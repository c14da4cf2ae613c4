import { recordEvent, type EntityManager } from '@erp/platform';
import type { Notification } from './notification.entity.js';

export const NOTIFICATION_REQUESTED = 'notification.requested';
export const NOTIFICATION_SENT = 'notification.sent';
export const NOTIFICATION_FAILED = 'notification.failed';

/** What notifications' events carry: who it was for and on which channel, not its text. */
function snapshot(notification: Notification) {
  return {
    notificationId: notification.id,
    channel: notification.channel,
    templateKey: notification.templateKey,
    customerId: notification.customerId,
    userId: notification.userId,
  };
}

/** Recorded with the QUEUED notification: the delivery consumer sends it. */
export function recordNotificationRequested(em: EntityManager, notification: Notification): void {
  recordEvent(em, NOTIFICATION_REQUESTED, notification.id, snapshot(notification));
}

export function recordNotificationSent(em: EntityManager, notification: Notification): void {
  recordEvent(em, NOTIFICATION_SENT, notification.id, { ...snapshot(notification), attempts: notification.attemptCount, sentAt: notification.sentAt?.toISOString() ?? null });
}

export function recordNotificationFailed(em: EntityManager, notification: Notification): void {
  recordEvent(em, NOTIFICATION_FAILED, notification.id, { ...snapshot(notification), attempts: notification.attemptCount, error: notification.lastError });
}
