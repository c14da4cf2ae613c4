import { OptionalProps } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * A partner-visible domain event as notifications received it, numbered in the order it was received: the feed's
 * order. Kept for the retention period (PARTNER_EVENT_RETENTION_DAYS).
 */
@Entity({ tableName: 'partner_event' })
export class PartnerEvent {
  [OptionalProps]?: 'receivedAt';

  /** The domain event's id: the same in the feed, in every webhook and in `x-erp-event-id`. */
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** Notifications' own, assigned in commit order (see partner-event.service.ts). */
  @Property({ type: 'bigint', unique: true })
  sequence!: bigint;

  @Index()
  @Property({ type: 'string', length: 100 })
  type!: string;

  @Property({ type: 'string', length: 50 })
  source!: string;

  @Property({ type: 'string', length: 100 })
  aggregateId!: string;

  @Property({ type: 'json' })
  data!: Record<string, unknown>;

  @Property({ type: 'datetime' })
  occurredAt!: Date;

  @Index()
  @Property({ type: 'datetime' })
  receivedAt: Date = new Date();
}
