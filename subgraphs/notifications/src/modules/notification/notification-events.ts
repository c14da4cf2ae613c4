import { notificationFailed, notificationRequested, notificationSent, type NotificationSnapshot } from '@erp/contracts';
import { recordEvent, type EntityManager } from '@erp/platform';
import type { Notification } from './notification.entity.js';

function snapshot(notification: Notification): NotificationSnapshot {
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
  recordEvent(em, notificationRequested, notification.id, snapshot(notification));
}

export function recordNotificationSent(em: EntityManager, notification: Notification): void {
  recordEvent(em, notificationSent, notification.id, { ...snapshot(notification), attempts: notification.attemptCount, sentAt: notification.sentAt?.toISOString() ?? null });
}

export function recordNotificationFailed(em: EntityManager, notification: Notification): void {
  recordEvent(em, notificationFailed, notification.id, { ...snapshot(notification), attempts: notification.attemptCount, error: notification.lastError });
}
