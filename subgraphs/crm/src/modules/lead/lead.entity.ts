import { OptionalProps } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import type { LeadStage } from '@erp/contracts';
import { Customer } from '../customer/customer.entity.js';

@Entity({ tableName: 'lead' })
@Index({ properties: ['createdAt', 'id'] })
export class Lead {
  [OptionalProps]?:
    | 'id' | 'companyName' | 'contactName' | 'email' | 'phone' | 'source' | 'stage' | 'valueMinor' | 'currency'
    | 'probability' | 'expectedCloseDate' | 'ownerId' | 'lostReason' | 'customer' | 'convertedAt' | 'createdAt'
    | 'updatedAt' | 'version';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 200 })
  title!: string;

  @Property({ type: 'string', length: 200, nullable: true })
  companyName: string | null = null;

  @Property({ type: 'string', length: 200, nullable: true })
  contactName: string | null = null;

  @Property({ type: 'string', length: 320, nullable: true })
  email: string | null = null;

  @Property({ type: 'string', length: 50, nullable: true })
  phone: string | null = null;

  @Property({ type: 'string', length: 100, nullable: true })
  source: string | null = null;

  @Index()
  @Property({ type: 'string', length: 16 })
  stage: LeadStage = 'NEW';

  /** Expected deal value in minor units of `currency`. */
  @Property({ type: 'bigint' })
  valueMinor: bigint = 0n;

  @Property({ type: 'string', length: 3 })
  currency = 'EUR';

  /** Chance of winning, 0–100 %. */
  @Property({ type: 'smallint' })
  probability = 10;

  @Property({ type: 'date', nullable: true })
  expectedCloseDate: string | null = null;

  @Index()
  @Property({ type: 'uuid', nullable: true })
  ownerId: string | null = null;

  @Property({ type: 'text', nullable: true })
  lostReason: string | null = null;

  @ManyToOne(() => Customer, { nullable: true, deleteRule: 'set null' })
  customer: Customer | null = null;

  @Property({ type: 'datetime', nullable: true })
  convertedAt: Date | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Property({ type: 'integer', version: true })
  version!: number;
}
