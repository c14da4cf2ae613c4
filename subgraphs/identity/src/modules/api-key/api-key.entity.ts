import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { OptionalProps } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Secret } from '@erp/platform';

@Entity({ tableName: 'api_key' })
export class ApiKey {
  [OptionalProps]?: 'id' | 'scopes' | 'expiresAt' | 'revokedAt' | 'lastUsedAt' | 'createdAt' | 'costBucketSize' | 'costRestoreRate';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 200 })
  name!: string;

  /** The public start of the secret (e.g. `erp_3fa9c2d1`), to recognise a key in lists and logs. */
  @Property({ type: 'string', length: 32, unique: true })
  prefix!: string;

  /** SHA-256 of the whole secret: it has 256 bits of entropy, so a slow hash adds nothing. */
  @Secret()
  @Property({ type: 'string', length: 64, hidden: true })
  secretHash!: string;

  @Property({ type: 'string[]', columnType: 'text[]' })
  scopes: string[] = [];

  @Index()
  @Property({ type: 'uuid' })
  ownerId!: string;

  @Property({ type: 'datetime', nullable: true })
  expiresAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  revokedAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  lastUsedAt: Date | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  /** The key's own query-cost bucket at the router (points), or null for the router's default. */
  @Property({ type: 'integer', nullable: true })
  costBucketSize: number | null = null;

  /** Points a second the key's bucket gets back, or null for the router's default. */
  @Property({ type: 'integer', nullable: true })
  costRestoreRate: number | null = null;
}
