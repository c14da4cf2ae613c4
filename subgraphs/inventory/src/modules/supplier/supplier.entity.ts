import { OptionalProps } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';

/** Someone inventory buys from: purchase orders to it are in its currency. */
@Entity({ tableName: 'supplier' })
export class Supplier {
  [OptionalProps]?: 'id' | 'email' | 'phone' | 'contactPerson' | 'paymentTermsDays' | 'leadTimeDays' | 'active' | 'createdAt' | 'updatedAt' | 'version';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Index()
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Property({ type: 'string', length: 320, nullable: true })
  email: string | null = null;

  @Property({ type: 'string', length: 50, nullable: true })
  phone: string | null = null;

  @Property({ type: 'string', length: 200, nullable: true })
  contactPerson: string | null = null;

  /** ISO 4217: the currency of its purchase orders and their unit costs. */
  @Property({ type: 'string', length: 3 })
  currency!: string;

  /** Days after the invoice date its invoices fall due. */
  @Property({ type: 'integer' })
  paymentTermsDays = 30;

  /** Days from sending a purchase order to the goods' arrival: the default expected date. */
  @Property({ type: 'integer' })
  leadTimeDays = 0;

  @Property({ type: 'boolean' })
  active = true;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Property({ type: 'integer', version: true })
  version!: number;
}
