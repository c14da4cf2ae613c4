import { OptionalProps, type Rel } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import { Customer } from '../customer/customer.entity.js';

@Entity({ tableName: 'contact' })
export class Contact {
  [OptionalProps]?: 'id' | 'email' | 'phone' | 'position' | 'isPrimary' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Index()
  @ManyToOne(() => Customer, { deleteRule: 'cascade' })
  // Rel<> keeps the class out of the emitted decorator metadata, which would break on the import cycle.
  customer!: Rel<Customer>;

  @Property({ type: 'string', length: 100 })
  firstName!: string;

  @Property({ type: 'string', length: 100 })
  lastName!: string;

  @Property({ type: 'string', length: 320, nullable: true })
  email: string | null = null;

  @Property({ type: 'string', length: 50, nullable: true })
  phone: string | null = null;

  @Property({ type: 'string', length: 100, nullable: true })
  position: string | null = null;

  @Property({ type: 'boolean' })
  isPrimary = false;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
