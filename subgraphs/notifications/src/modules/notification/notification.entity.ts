import { OptionalProps } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import type { Channel } from '@erp/contracts';
import type { NotificationStatus } from './notification.rules.js';

/** A file to attach when the notification is sent, fetched at that moment (bytes are not stored here). */
export interface AttachmentRef {
  kind: 'invoice-pdf';
  invoiceId: string;
  filename: string;
}

/** One message to one recipient on one channel, queued and then SENT or FAILED after its tries. */
@Entity({ tableName: 'notification' })
@Index({ properties: ['createdAt', 'id'] })
@Index({ properties: ['customerId', 'createdAt'] })
@Index({ properties: ['userId', 'channel', 'createdAt'] })
export class Notification {
  [OptionalProps]?:
    | 'id' | 'subject' | 'data' | 'attachments' | 'status' | 'attemptCount' | 'lastError' | 'templateKey' | 'eventId'
    | 'customerId' | 'userId' | 'createdAt' | 'sentAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 16 })
  channel!: Channel;

  /** An email address, an E.164 phone number, a user id (IN_APP, PUSH) or a webhook URL. */
  @Property({ type: 'string', length: 2048 })
  recipient!: string;

  @Property({ type: 'string', length: 300, nullable: true })
  subject: string | null = null;

  /** Rendered: what the recipient reads. */
  @Property({ type: 'text' })
  body!: string;

  /** The data the template was rendered with; webhooks carry it to the receiver. */
  @Property({ type: 'json', nullable: true })
  data: Record<string, unknown> | null = null;

  @Property({ type: 'json' })
  attachments: AttachmentRef[] = [];

  @Index()
  @Property({ type: 'string', length: 16 })
  status: NotificationStatus = 'QUEUED';

  @Property({ type: 'integer' })
  attemptCount = 0;

  @Property({ type: 'text', nullable: true })
  lastError: string | null = null;

  @Property({ type: 'string', length: 100, nullable: true })
  templateKey: string | null = null;

  /** The event that caused it (automatic notifications). */
  @Property({ type: 'uuid', nullable: true })
  eventId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  customerId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  userId: string | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  sentAt: Date | null = null;
}
