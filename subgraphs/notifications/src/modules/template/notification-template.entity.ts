import { OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import type { Channel } from '@erp/contracts';

/** The text of one kind of notification on one channel; subject and body are Liquid templates. */
@Entity({ tableName: 'notification_template' })
@Unique({ properties: ['key', 'channel'] })
export class NotificationTemplate {
  [OptionalProps]?: 'id' | 'subject' | 'active' | 'createdAt' | 'updatedAt' | 'version';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** What the notification is about, e.g. `order.confirmed`. */
  @Property({ type: 'string', length: 100 })
  key!: string;

  @Property({ type: 'string', length: 16 })
  channel!: Channel;

  @Property({ type: 'string', length: 300, nullable: true })
  subject: string | null = null;

  @Property({ type: 'text' })
  body!: string;

  /** An inactive template sends nothing: automatic notifications skip it, sendNotification refuses it. */
  @Property({ type: 'boolean' })
  active = true;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Property({ type: 'integer', version: true })
  version!: number;
}
