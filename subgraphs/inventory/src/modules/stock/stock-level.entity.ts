import { OptionalProps } from '@mikro-orm/core';
import { Check, Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import { Warehouse } from '../warehouse/warehouse.entity.js';

/**
 * A product's stock in one warehouse: on hand (physically there), reserved (promised to placed orders), available =
 * on hand − reserved. Only movements change it (`StockMovement`), in the same statement or transaction.
 */
@Entity({ tableName: 'stock_level' })
@Unique({ properties: ['productId', 'warehouse'] })
@Check({ name: 'stock_level_quantities_check', expression: 'reserved >= 0 and on_hand >= reserved' })
export class StockLevel {
  [OptionalProps]?: 'id' | 'onHand' | 'reserved' | 'reorderPoint' | 'reorderQuantity' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Index()
  @Property({ type: 'uuid' })
  productId!: string;

  @ManyToOne(() => Warehouse, { deleteRule: 'restrict' })
  warehouse!: Warehouse;

  @Property({ type: 'integer' })
  onHand = 0;

  @Property({ type: 'integer' })
  reserved = 0;

  /** When available falls to this or under, the product is low here (`stock.low`); null: never. */
  @Property({ type: 'integer', nullable: true })
  reorderPoint: number | null = null;

  /** How much a purchase order for this product and warehouse orders by default. */
  @Property({ type: 'integer', nullable: true })
  reorderQuantity: number | null = null;

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
