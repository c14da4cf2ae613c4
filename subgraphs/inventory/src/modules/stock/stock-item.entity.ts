import { OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';

/**
 * What inventory knows of a product across its warehouses. A product is stock-tracked from its first movement (or when
 * marked so); one inventory has never heard of, or one marked not tracked (a service), is never reserved.
 */
@Entity({ tableName: 'stock_item' })
export class StockItem {
  [OptionalProps]?: 'id' | 'tracked' | 'valueMinor' | 'costCurrency' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** catalog's Product. */
  @Property({ type: 'uuid', unique: true })
  productId!: string;

  @Property({ type: 'boolean' })
  tracked = true;

  /**
   * The value of the product's stock on hand over every warehouse, in minor units of `costCurrency` (moving-average
   * cost, see stock-cost.rules.ts). Only `applyStockMoves` changes it, with the on hand it values.
   */
  @Property({ type: 'bigint' })
  valueMinor: bigint = 0n;

  /** The currency of `valueMinor`: the currency of the receipts that are on hand; null when none is (value 0). */
  @Property({ type: 'string', length: 3, nullable: true })
  costCurrency: string | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
