import { Collection, OptionalProps } from '@mikro-orm/core';
import { Entity, Index, OneToMany, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import type { InvoiceStatus } from '@erp/contracts';
import { DEFAULT_PAYMENT_TERMS_DAYS } from './invoice.rules.js';
import { InvoiceLine } from './invoice-line.entity.js';

@Entity({ tableName: 'invoice' })
// An order has at most one invoice that is not void, also when two requests race to create it.
@Index({ name: 'invoice_order_active_unique', expression: `create unique index "invoice_order_active_unique" on "billing"."invoice" ("order_id") where "status" <> 'VOID'` })
@Index({ properties: ['customerId', 'createdAt', 'id'] })
@Index({ properties: ['createdAt', 'id'] })
export class Invoice {
  [OptionalProps]?:
    | 'id' | 'number' | 'orderId' | 'status' | 'issueDate' | 'dueDate' | 'paymentTermsDays' | 'subtotalMinor' | 'taxMinor'
    | 'totalMinor' | 'paidMinor' | 'creditedMinor' | 'notes' | 'issuedAt' | 'paidAt' | 'voidedAt' | 'voidReason'
    | 'createdAt' | 'updatedAt' | 'version' | 'lines';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Assigned when issued: INV-2026-000042, gap-free per year. */
  @Property({ type: 'string', length: 32, nullable: true, unique: true })
  number: string | null = null;

  @Property({ type: 'uuid' })
  customerId!: string;

  /** The order it bills, if any; an order has at most one invoice that is not void. */
  @Index()
  @Property({ type: 'uuid', nullable: true })
  orderId: string | null = null;

  @Index()
  @Property({ type: 'string', length: 16 })
  status: InvoiceStatus = 'DRAFT';

  @Property({ type: 'string', length: 3 })
  currency!: string;

  @Property({ type: 'date', nullable: true })
  issueDate: string | null = null;

  @Property({ type: 'date', nullable: true })
  dueDate: string | null = null;

  @Property({ type: 'smallint' })
  paymentTermsDays: number = DEFAULT_PAYMENT_TERMS_DAYS;

  @Property({ type: 'bigint' })
  subtotalMinor: bigint = 0n;

  @Property({ type: 'bigint' })
  taxMinor: bigint = 0n;

  @Property({ type: 'bigint' })
  totalMinor: bigint = 0n;

  @Property({ type: 'bigint' })
  paidMinor: bigint = 0n;

  @Property({ type: 'bigint' })
  creditedMinor: bigint = 0n;

  @Property({ type: 'text', nullable: true })
  notes: string | null = null;

  @OneToMany(() => InvoiceLine, (line) => line.invoice, { orderBy: { position: 'ASC' } })
  lines = new Collection<InvoiceLine>(this);

  @Property({ type: 'datetime', nullable: true })
  issuedAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  paidAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  voidedAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  voidReason: string | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Property({ type: 'integer', version: true })
  version!: number;
}
