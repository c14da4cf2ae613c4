import type { PurchaseOrderStatus } from '@erp/contracts';
import { Collection, OptionalProps } from '@mikro-orm/core';
import { Check, Entity, Index, ManyToOne, OneToMany, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import { Supplier } from '../supplier/supplier.entity.js';
import { Warehouse } from '../warehouse/warehouse.entity.js';

/** What inventory orders from a supplier into one warehouse, in the supplier's currency. */
@Entity({ tableName: 'purchase_order' })
@Index({ properties: ['status', 'createdAt'] })
export class PurchaseOrder {
  [OptionalProps]?:
    | 'id' | 'status' | 'expectedDate' | 'notes' | 'createdBy' | 'sentAt' | 'receivedAt' | 'cancelledAt' | 'cancelReason' | 'createdAt' | 'updatedAt' | 'version';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** PO-2026-000001: gap-free per year, assigned when the order is created. */
  @Property({ type: 'string', length: 32, unique: true })
  number!: string;

  @ManyToOne(() => Supplier, { deleteRule: 'restrict', index: true })
  supplier!: Supplier;

  /** Where the goods arrive. */
  @ManyToOne(() => Warehouse, { deleteRule: 'restrict', index: true })
  warehouse!: Warehouse;

  /** The supplier's currency when the order was created: every unit cost of it is in this currency. */
  @Property({ type: 'string', length: 3 })
  currency!: string;

  @Property({ type: 'string', length: 24 })
  status: PurchaseOrderStatus = 'DRAFT';

  @Property({ type: 'date', nullable: true })
  expectedDate: string | null = null;

  @Property({ type: 'text', nullable: true })
  notes: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  createdBy: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  sentAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  receivedAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  cancelledAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  cancelReason: string | null = null;

  @OneToMany(() => PurchaseOrderLine, (line) => line.purchaseOrder, { orphanRemoval: true, orderBy: { position: 'asc' } })
  lines = new Collection<PurchaseOrderLine>(this);

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Property({ type: 'integer', version: true })
  version!: number;
}

/** One product of a purchase order: what was ordered, at what cost, and how much of it has arrived. */
@Entity({ tableName: 'purchase_order_line' })
@Unique({ properties: ['purchaseOrder', 'productId'] })
@Check({ name: 'purchase_order_line_received_check', expression: 'quantity_received >= 0 and quantity_received <= quantity_ordered' })
export class PurchaseOrderLine {
  [OptionalProps]?: 'id' | 'quantityReceived';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => PurchaseOrder, { deleteRule: 'cascade' })
  purchaseOrder!: PurchaseOrder;

  @Property({ type: 'integer' })
  position!: number;

  /** catalog's Product. */
  @Index()
  @Property({ type: 'uuid' })
  productId!: string;

  @Property({ type: 'integer' })
  quantityOrdered!: number;

  @Property({ type: 'integer' })
  quantityReceived = 0;

  /** Cost of one unit, minor units of `currency` (the order's). */
  @Property({ type: 'bigint' })
  unitCostMinor!: bigint;

  @Property({ type: 'string', length: 3 })
  currency!: string;
}
