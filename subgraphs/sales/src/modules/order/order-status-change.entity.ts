import { OptionalProps, type Rel } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import type { OrderStatus } from '@erp/contracts';
import { Order } from './order.entity.js';

/** Who moved the order from which status to which, and when: append-only. */
@Entity({ tableName: 'order_status_change' })
@Index({ properties: ['order', 'at'] })
export class OrderStatusChange {
  [OptionalProps]?: 'id' | 'from' | 'byUserId' | 'reason' | 'at';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Order, { deleteRule: 'cascade' })
  // Rel<> keeps the class out of the emitted decorator metadata, which would break on the import cycle.
  order!: Rel<Order>;

  @Property({ type: 'string', length: 16, nullable: true, fieldName: 'from_status' })
  from: OrderStatus | null = null;

  @Property({ type: 'string', length: 16, fieldName: 'to_status' })
  to!: OrderStatus;

  @Property({ type: 'uuid', nullable: true })
  byUserId: string | null = null;

  @Property({ type: 'text', nullable: true })
  reason: string | null = null;

  @Property({ type: 'datetime' })
  at: Date = new Date();
}
