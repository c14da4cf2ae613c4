import type { PostalAddress } from '@erp/platform';
import { OptionalProps } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';

@Entity({ tableName: 'warehouse' })
@Index({ name: 'warehouse_one_default', expression: 'create unique index "warehouse_one_default" on "warehouse" (is_default) where is_default' })
export class Warehouse {
  [OptionalProps]?: 'id' | 'address' | 'active' | 'isDefault' | 'createdAt' | 'updatedAt' | 'version';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Short and unique, stored upper-case: MAIN, BER-1. */
  @Property({ type: 'string', length: 32, unique: true })
  code!: string;

  @Property({ type: 'string', length: 200 })
  name!: string;

  @Property({ type: 'json', nullable: true })
  address: PostalAddress | null = null;

  @Property({ type: 'boolean' })
  active = true;

  /** Orders that name no warehouse reserve from this one; exactly one warehouse is the default once there is any. */
  @Property({ type: 'boolean' })
  isDefault = false;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Property({ type: 'integer', version: true })
  version!: number;
}
