import { OptionalProps, type Rel } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import { Invoice } from '../invoice/invoice.entity.js';

/** Corrects an issued invoice (which is never edited) by reducing what is owed. */
@Entity({ tableName: 'credit_note' })
export class CreditNote {
  [OptionalProps]?: 'id' | 'issuedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** CN-2026-000007, gap-free per year. */
  @Property({ type: 'string', length: 32, unique: true })
  number!: string;

  @Index()
  @ManyToOne(() => Invoice, { deleteRule: 'restrict' })
  // Rel<> keeps the class out of the emitted decorator metadata, which would break on the import cycle.
  invoice!: Rel<Invoice>;

  @Property({ type: 'bigint' })
  amountMinor!: bigint;

  @Property({ type: 'string', length: 3 })
  currency!: string;

  @Property({ type: 'text' })
  reason!: string;

  @Property({ type: 'datetime' })
  issuedAt: Date = new Date();
}
