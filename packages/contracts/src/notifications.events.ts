import { defineEvent } from '@erp/platform';

export const CHANNELS = ['EMAIL', 'SMS', 'IN_APP', 'WEBHOOK', 'PUSH'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Who a notification was for and on which channel, not its text. */
export interface NotificationSnapshot {
  notificationId: string;
  channel: Channel;
  templateKey: string | null;
  customerId: string | null;
  userId: string | null;
}

export interface NotificationSent extends NotificationSnapshot {
  /** Tries it took. */
  attempts: number;
  sentAt: string | null;
}

export interface NotificationFailed extends NotificationSnapshot {
  attempts: number;
  error: string | null;
}

/** An in-app notification as its user receives it. */
export interface NotificationReceived {
  notificationId: string;
  userId: string;
  subject: string | null;
  body: string;
  createdAt: string;
}

/** Recorded with the QUEUED notification: the delivery consumer sends it. */
export const notificationRequested = defineEvent<NotificationSnapshot>('notification.requested');
export const notificationSent = defineEvent<NotificationSent>('notification.sent');
export const notificationFailed = defineEvent<NotificationFailed>('notification.failed');
/** IN_APP delivering is announcing: recorded in the transaction that marks the notification SENT. */
export const notificationReceived = defineEvent<NotificationReceived>('notification.received');

/** A partner webhook to send: one delivery of one event to one endpoint (recorded again to replay it). */
export interface WebhookDeliveryRequested {
  deliveryId: string;
  endpointId: string;
  /** The partner event it carries. */
  eventId: string;
  eventType: string;
}

/** Recorded with each WebhookDelivery, and by `replayWebhookDelivery`: the webhook delivery consumer sends it. */
export const webhookDeliveryRequested = defineEvent<WebhookDeliveryRequested>('webhook.delivery_requested');
