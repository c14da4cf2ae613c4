import type { StockMovementKind } from '@erp/contracts';
import { OptionalProps } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';

/**
 * One change of a product's stock in one warehouse, never updated or deleted: on hand is the sum of `onHandChange`,
 * reserved the sum of `reservedChange`. `onHandAfter` / `reservedAfter` are the level right after it (running balance).
 */
@Entity({ tableName: 'stock_movement' })
@Index({ properties: ['productId', 'sequence'] })
@Index({ properties: ['documentId'] })
export class StockMovement {
  [OptionalProps]?: 'id' | 'sequence' | 'reason' | 'documentType' | 'documentId' | 'byUserId' | 'at' | 'unitCostMinor' | 'currency';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Increasing in the order the movements were written (a bigserial): the order of the running balance. */
  @Property({ type: 'bigint', autoincrement: true, unique: true })
  sequence!: bigint;

  @Property({ type: 'uuid' })
  productId!: string;

  @Index()
  @Property({ type: 'uuid' })
  warehouseId!: string;

  @Property({ type: 'string', length: 16 })
  kind!: StockMovementKind;

  @Property({ type: 'integer' })
  onHandChange!: number;

  @Property({ type: 'integer' })
  reservedChange!: number;

  @Property({ type: 'integer' })
  onHandAfter!: number;

  @Property({ type: 'integer' })
  reservedAfter!: number;

  /** Cost of one unit moved in (receipts), minor units of `currency`. */
  @Property({ type: 'bigint', nullable: true })
  unitCostMinor: bigint | null = null;

  @Property({ type: 'string', length: 3, nullable: true })
  currency: string | null = null;

  @Property({ type: 'text', nullable: true })
  reason: string | null = null;

  /** ORDER, PURCHASE_ORDER, TRANSFER, ADJUSTMENT. */
  @Property({ type: 'string', length: 32, nullable: true })
  documentType: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  documentId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  byUserId: string | null = null;

  @Property({ type: 'datetime' })
  at: Date = new Date();
}
