import { OptionalProps } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import type { CustomerKind } from '@erp/contracts';
import type { PostalAddress } from '@erp/platform';

export type Address = PostalAddress;

@Entity({ tableName: 'customer' })
@Index({ properties: ['createdAt', 'id'] })
@Index({ properties: ['name', 'id'] })
export class Customer {
  [OptionalProps]?: 'id' | 'kind' | 'email' | 'phone' | 'taxId' | 'currency' | 'tags' | 'billingAddress' | 'shippingAddress' | 'archivedAt' | 'createdAt' | 'updatedAt' | 'version';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 16 })
  kind: CustomerKind = 'COMPANY';

  @Property({ type: 'string', length: 200 })
  name!: string;

  @Index()
  @Property({ type: 'string', length: 320, nullable: true })
  email: string | null = null;

  @Property({ type: 'string', length: 50, nullable: true })
  phone: string | null = null;

  @Property({ type: 'string', length: 50, nullable: true })
  taxId: string | null = null;

  @Property({ type: 'string', length: 3 })
  currency = 'EUR';

  @Property({ type: 'string[]', columnType: 'text[]' })
  tags: string[] = [];

  @Property({ type: 'json', nullable: true })
  billingAddress: Address | null = null;

  @Property({ type: 'json', nullable: true })
  shippingAddress: Address | null = null;

  @Property({ type: 'datetime', nullable: true })
  archivedAt: Date | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Property({ type: 'integer', version: true })
  version!: number;
}
