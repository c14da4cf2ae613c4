import { OptionalProps, type Rel } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import { PartnerEvent } from '../partner-event/partner-event.entity.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';
import type { DeliveryStatus } from './webhook-endpoint.rules.js';

/** One partner event to one endpoint: PENDING through its tries, then SUCCEEDED or FAILED (and replayable). */
@Entity({ tableName: 'webhook_delivery' })
@Unique({ properties: ['endpoint', 'event'] })
@Index({ properties: ['endpoint', 'createdAt', 'id'] })
export class WebhookDelivery {
  [OptionalProps]?: 'id' | 'status' | 'attemptCount' | 'lastStatusCode' | 'lastError' | 'nextAttemptAt' | 'createdAt' | 'deliveredAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  // Rel<> keeps the classes out of the emitted decorator metadata.
  @ManyToOne(() => WebhookEndpoint, { deleteRule: 'cascade' })
  endpoint!: Rel<WebhookEndpoint>;

  /** Deleted with the event when the feed's retention drops it. */
  @Index()
  @ManyToOne(() => PartnerEvent, { deleteRule: 'cascade' })
  event!: Rel<PartnerEvent>;

  @Property({ type: 'string', length: 100 })
  eventType!: string;

  @Index()
  @Property({ type: 'string', length: 16 })
  status: DeliveryStatus = 'PENDING';

  @Property({ type: 'integer' })
  attemptCount = 0;

  @Property({ type: 'integer', nullable: true })
  lastStatusCode: number | null = null;

  @Property({ type: 'text', nullable: true })
  lastError: string | null = null;

  /** When the next try is due, while PENDING after a failed try. */
  @Property({ type: 'datetime', nullable: true })
  nextAttemptAt: Date | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  deliveredAt: Date | null = null;
}

/** One HTTP request of a delivery: when, what the endpoint answered (or why there was no answer), how long it took. */
@Entity({ tableName: 'webhook_delivery_attempt' })
export class WebhookDeliveryAttempt {
  [OptionalProps]?: 'id' | 'statusCode' | 'error' | 'at';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Index()
  @ManyToOne(() => WebhookDelivery, { deleteRule: 'cascade' })
  delivery!: Rel<WebhookDelivery>;

  /** 1 for the first try; a replay goes on counting. */
  @Property({ type: 'integer' })
  attempt!: number;

  @Property({ type: 'datetime' })
  at: Date = new Date();

  @Property({ type: 'boolean' })
  succeeded!: boolean;

  /** Null when no answer came (refused connection, timeout). */
  @Property({ type: 'integer', nullable: true })
  statusCode: number | null = null;

  @Property({ type: 'text', nullable: true })
  error: string | null = null;

  @Property({ type: 'integer' })
  durationMs!: number;
}
