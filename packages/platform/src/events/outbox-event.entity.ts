import { OptionalProps } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import { NotAudited } from '../audit/secret-fields.js';

/**
 * A domain event written in the same transaction as the change it describes (transactional outbox); the relay
 * publishes it and stamps `publishedAt`. Include it in a subgraph's entities to emit events.
 */
@NotAudited()
@Entity({ tableName: 'outbox_event' })
@Index({ properties: ['publishedAt', 'occurredAt'] })
@Index({ properties: ['sequence'] })
export class OutboxEvent {
  [OptionalProps]?: 'id' | 'occurredAt' | 'publishedAt' | 'sequence';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** `<aggregate>.<past-tense verb>`, e.g. `order.placed`. */
  @Property({ type: 'string', length: 100 })
  type!: string;

  @Property({ type: 'string', length: 100 })
  aggregateId!: string;

  @Property({ type: 'json' })
  payload!: object;

  @Property({ type: 'datetime' })
  occurredAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  publishedAt: Date | null = null;

  /**
   * The event's place among every published event, given by the relay when it publishes (one sequence for all
   * subgraphs, `erp_bus.event_sequence`): live events carry it, and a subscription that broke resumes after the last
   * one it saw (docs/architecture.md, "Subscriptions across restarts").
   */
  @Property({ type: 'bigint', nullable: true })
  sequence: string | null = null;
}

/** An event a consumer has handled: handling it again is skipped (delivery is at least once). */
@NotAudited()
@Entity({ tableName: 'processed_event' })
export class ProcessedEvent {
  [OptionalProps]?: 'processedAt';

  @PrimaryKey({ type: 'string', length: 100 })
  consumer!: string;

  @PrimaryKey({ type: 'uuid' })
  eventId!: string;

  @Property({ type: 'datetime' })
  processedAt: Date = new Date();
}
