import { OptionalProps } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import { Supplier } from './supplier.entity.js';

/** The supplier a product is reordered from when it runs low, with the unit cost agreed with it. */
@Entity({ tableName: 'product_supplier' })
export class ProductSupplier {
  [OptionalProps]?: 'id' | 'unitCostMinor' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** catalog's Product: one preferred supplier per product. */
  @Property({ type: 'uuid', unique: true })
  productId!: string;

  @ManyToOne(() => Supplier, { deleteRule: 'restrict', index: true })
  supplier!: Supplier;

  /** Cost of one unit in the supplier's currency (`currency`); null: the last purchase order's cost is used. */
  @Property({ type: 'bigint', nullable: true })
  unitCostMinor: bigint | null = null;

  @Property({ type: 'string', length: 3 })
  currency!: string;

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
