import { OptionalProps, type Rel } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import { Invoice } from './invoice.entity.js';

@Entity({ tableName: 'invoice_line' })
export class InvoiceLine {
  [OptionalProps]?: 'id' | 'productId';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Index()
  @ManyToOne(() => Invoice, { deleteRule: 'cascade' })
  // Rel<> keeps the class out of the emitted decorator metadata, which would break on the import cycle.
  invoice!: Rel<Invoice>;

  @Property({ type: 'smallint' })
  position!: number;

  @Property({ type: 'string', length: 300 })
  description!: string;

  @Property({ type: 'uuid', nullable: true })
  productId: string | null = null;

  @Property({ type: 'integer' })
  quantity!: number;

  @Property({ type: 'string', length: 3 })
  currency!: string;

  @Property({ type: 'bigint' })
  unitPriceMinor!: bigint;

  @Property({ type: 'integer' })
  taxRateBp!: number;

  @Property({ type: 'bigint' })
  netMinor!: bigint;

  @Property({ type: 'bigint' })
  taxMinor!: bigint;
}
