import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { OptionalProps } from '@mikro-orm/core';
import type { JWK } from 'jose';
import { Secret } from '@erp/platform';

/** An asymmetric key that signs access tokens; its public half is published in the JWKS. */
@Entity({ tableName: 'signing_key' })
export class SigningKey {
  [OptionalProps]?: 'createdAt' | 'retiredAt';

  @PrimaryKey({ type: 'string', length: 64 })
  kid!: string;

  @Property({ type: 'string', length: 16 })
  algorithm!: string;

  @Property({ type: 'json' })
  publicJwk!: JWK;

  // A production deployment wraps this with a key-encryption key from its secret store.
  @Secret()
  @Property({ type: 'json', hidden: true })
  privateJwk!: JWK;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  /** Set when a newer key takes over signing; the key stays published until tokens it signed have expired. */
  @Property({ type: 'datetime', nullable: true })
  retiredAt: Date | null = null;
}
