import type { Channel, NotificationReceived } from '@erp/contracts';

export interface Attachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

/** A notification as a provider sends it: rendered, with its attachments fetched. */
export interface OutgoingMessage {
  notificationId: string;
  channel: Channel;
  recipient: string;
  subject: string | null;
  body: string;
  templateKey: string | null;
  data: Record<string, unknown> | null;
  attachments: Attachment[];
  createdAt: Date;
}

/** What a successful send adds to the transaction that marks the notification SENT. */
export interface SentMessage {
  /** IN_APP delivers by announcing: `notification.received` is recorded with this payload. */
  received?: NotificationReceived;
}

/** Sends on one channel; throwing means this try failed (the bus retries it with backoff). */
export interface ChannelProvider {
  send(message: OutgoingMessage): Promise<SentMessage>;
  close?(): void;
}

export type ChannelProviders = Record<Channel, ChannelProvider>;
