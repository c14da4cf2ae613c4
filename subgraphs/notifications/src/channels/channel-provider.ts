import type { Channel } from '../modules/notification/notification.rules.js';

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

/** Events to record in the transaction that marks the notification SENT (how IN_APP delivers). */
export interface SentMessage {
  events?: { type: string; payload: Record<string, unknown> }[];
}

/** Sends on one channel; throwing means this try failed (the bus retries it with backoff). */
export interface ChannelProvider {
  send(message: OutgoingMessage): Promise<SentMessage>;
  close?(): void;
}

export type ChannelProviders = Record<Channel, ChannelProvider>;
