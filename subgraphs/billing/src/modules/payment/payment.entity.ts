import { OptionalProps, type Rel } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import type { PaymentMethod } from '@erp/contracts';
import { Invoice } from '../invoice/invoice.entity.js';

@Entity({ tableName: 'payment' })
export class Payment {
  [OptionalProps]?: 'id' | 'reference' | 'receivedAt' | 'recordedBy';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Index()
  @ManyToOne(() => Invoice, { deleteRule: 'restrict' })
  // Rel<> keeps the class out of the emitted decorator metadata, which would break on the import cycle.
  invoice!: Rel<Invoice>;

  @Property({ type: 'bigint' })
  amountMinor!: bigint;

  @Property({ type: 'string', length: 3 })
  currency!: string;

  @Property({ type: 'string', length: 16 })
  method!: PaymentMethod;

  @Property({ type: 'string', length: 200, nullable: true })
  reference: string | null = null;

  @Property({ type: 'datetime' })
  receivedAt: Date = new Date();

  @Property({ type: 'uuid', nullable: true })
  recordedBy: string | null = null;
}
