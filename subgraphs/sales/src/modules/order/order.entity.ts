import { Collection, OptionalProps } from '@mikro-orm/core';
import { Entity, Index, OneToMany, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import type { OrderStatus } from '@erp/contracts';
import type { PostalAddress } from '@erp/platform';
import { OrderLine } from './order-line.entity.js';

export type ShippingAddress = PostalAddress;

@Entity({ tableName: 'order' })
@Index({ properties: ['customerId', 'createdAt', 'id'] })
@Index({ properties: ['createdAt', 'id'] })
export class Order {
  [OptionalProps]?:
    | 'id' | 'status' | 'shippingAddress' | 'warehouseId' | 'notes' | 'subtotalMinor' | 'taxMinor' | 'totalMinor' | 'placedAt' | 'confirmedAt'
    | 'shippedAt' | 'deliveredAt' | 'cancelledAt' | 'cancelReason' | 'createdBy' | 'createdAt' | 'updatedAt' | 'version' | 'lines';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Human-readable and unique, e.g. SO-2026-000042. */
  @Property({ type: 'string', length: 32, unique: true })
  number!: string;

  @Property({ type: 'uuid' })
  customerId!: string;

  @Index()
  @Property({ type: 'string', length: 16 })
  status: OrderStatus = 'DRAFT';

  @Property({ type: 'string', length: 3 })
  currency!: string;

  @Property({ type: 'json', nullable: true })
  shippingAddress: ShippingAddress | null = null;

  /** inventory's Warehouse the order reserves its stock from; null: inventory's default warehouse. */
  @Property({ type: 'uuid', nullable: true })
  warehouseId: string | null = null;

  @Property({ type: 'text', nullable: true })
  notes: string | null = null;

  @Property({ type: 'bigint' })
  subtotalMinor: bigint = 0n;

  @Property({ type: 'bigint' })
  taxMinor: bigint = 0n;

  @Property({ type: 'bigint' })
  totalMinor: bigint = 0n;

  @OneToMany(() => OrderLine, (line) => line.order, { orderBy: { position: 'ASC' } })
  lines = new Collection<OrderLine>(this);

  @Property({ type: 'datetime', nullable: true })
  placedAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  confirmedAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  shippedAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  deliveredAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  cancelledAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  cancelReason: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  createdBy: string | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Property({ type: 'integer', version: true })
  version!: number;
}
