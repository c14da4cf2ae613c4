import { OptionalProps, type Rel } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import { Order } from './order.entity.js';

@Entity({ tableName: 'shipment' })
export class Shipment {
  [OptionalProps]?: 'id' | 'shippedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Index()
  @ManyToOne(() => Order, { deleteRule: 'cascade' })
  // Rel<> keeps the class out of the emitted decorator metadata, which would break on the import cycle.
  order!: Rel<Order>;

  @Property({ type: 'string', length: 100 })
  carrier!: string;

  @Property({ type: 'string', length: 100 })
  trackingNumber!: string;

  @Property({ type: 'datetime' })
  shippedAt: Date = new Date();
}
