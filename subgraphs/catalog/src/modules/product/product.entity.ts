import { OptionalProps } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import { Category } from '../category/category.entity.js';

@Entity({ tableName: 'product' })
@Index({ properties: ['createdAt', 'id'] })
@Index({ properties: ['name', 'id'] })
export class Product {
  [OptionalProps]?: 'id' | 'description' | 'unit' | 'category' | 'active' | 'createdAt' | 'updatedAt' | 'version';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Stock-keeping unit, stored upper-case; unique. */
  @Property({ type: 'string', length: 64, unique: true })
  sku!: string;

  @Property({ type: 'string', length: 200 })
  name!: string;

  @Property({ type: 'text', nullable: true })
  description: string | null = null;

  /** Net unit price in minor units of `currency`. */
  @Property({ type: 'bigint' })
  priceMinor!: bigint;

  @Property({ type: 'string', length: 3 })
  currency!: string;

  /** Tax rate in hundredths of a percent: 20 % is 2000. */
  @Property({ type: 'integer' })
  taxRateBp!: number;

  @Property({ type: 'string', length: 16 })
  unit = 'pcs';

  @Index()
  @ManyToOne(() => Category, { nullable: true, deleteRule: 'set null' })
  category: Category | null = null;

  @Property({ type: 'boolean' })
  active = true;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Property({ type: 'integer', version: true })
  version!: number;
}
