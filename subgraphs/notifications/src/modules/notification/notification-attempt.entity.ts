import { OptionalProps, type Rel } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import { Notification } from './notification.entity.js';
import type { AttemptStatus } from './notification.rules.js';

/** One try to send a notification, successful or not: the log of what happened. */
@Entity({ tableName: 'notification_attempt' })
export class NotificationAttempt {
  [OptionalProps]?: 'id' | 'error' | 'at';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Index()
  @ManyToOne(() => Notification, { deleteRule: 'cascade' })
  // Rel<> keeps the class out of the emitted decorator metadata.
  notification!: Rel<Notification>;

  /** 1 for the first try. */
  @Property({ type: 'integer' })
  attempt!: number;

  @Property({ type: 'string', length: 16 })
  status!: AttemptStatus;

  @Property({ type: 'text', nullable: true })
  error: string | null = null;

  @Property({ type: 'datetime' })
  at: Date = new Date();
}
