import { OptionalProps } from '@mikro-orm/core';
import { Check, Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import { Customer } from '../customer/customer.entity.js';
import { Lead } from '../lead/lead.entity.js';

export type ActivityType = 'CALL' | 'EMAIL' | 'MEETING' | 'NOTE';

/** Something that happened with a customer or a lead: exactly one of the two. */
@Entity({ tableName: 'activity' })
@Check({ name: 'activity_about_one_check', expression: '(customer_id is null) <> (lead_id is null)' })
@Index({ properties: ['customer', 'occurredAt'] })
@Index({ properties: ['lead', 'occurredAt'] })
export class Activity {
  [OptionalProps]?: 'id' | 'body' | 'authorId' | 'customer' | 'lead' | 'occurredAt' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 16 })
  type!: ActivityType;

  @Property({ type: 'string', length: 200 })
  subject!: string;

  @Property({ type: 'text', nullable: true })
  body: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  authorId: string | null = null;

  @ManyToOne(() => Customer, { nullable: true, deleteRule: 'cascade' })
  customer: Customer | null = null;

  @ManyToOne(() => Lead, { nullable: true, deleteRule: 'cascade' })
  lead: Lead | null = null;

  @Property({ type: 'datetime' })
  occurredAt: Date = new Date();

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
