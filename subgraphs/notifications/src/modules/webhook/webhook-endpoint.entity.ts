import { OptionalProps } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';

/** Where a partner receives the events it subscribed to, signed with its own secret. */
@Entity({ tableName: 'webhook_endpoint' })
@Index({ properties: ['createdAt', 'id'] })
export class WebhookEndpoint {
  [OptionalProps]?:
    | 'id' | 'description' | 'enabled' | 'disabledReason' | 'previousSecretSealed' | 'previousSecretExpiresAt' | 'ownerApiKeyId'
    | 'version' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 2048 })
  url!: string;

  @Property({ type: 'string', length: 500, nullable: true })
  description: string | null = null;

  /** Partner event types (partner-event-types.ts). */
  @Property({ type: 'string[]', columnType: 'text[]' })
  events: string[] = [];

  @Property({ type: 'boolean' })
  enabled = true;

  /** Why it was switched off when it was not by an update (its API key was revoked). */
  @Property({ type: 'string', length: 200, nullable: true })
  disabledReason: string | null = null;

  /** The signing secret, sealed (see SecretBox): it must be read back to sign, so it cannot be a hash. */
  @Property({ type: 'text', hidden: true })
  secretSealed!: string;

  /** The secret before the last rotation, signing beside the new one until `previousSecretExpiresAt`. */
  @Property({ type: 'text', nullable: true, hidden: true })
  previousSecretSealed: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  previousSecretExpiresAt: Date | null = null;

  /** The API key that registered it: that key manages it; staff admins manage every endpoint. */
  @Index()
  @Property({ type: 'uuid', nullable: true })
  ownerApiKeyId: string | null = null;

  /** `user:<id>` or `apiKey:<id>`. */
  @Property({ type: 'string', length: 100 })
  createdBy!: string;

  @Property({ type: 'integer', version: true })
  version = 1;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
