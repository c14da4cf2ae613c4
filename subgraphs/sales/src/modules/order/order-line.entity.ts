import { OptionalProps, type Rel } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import { Order } from './order.entity.js';

/** A line keeps the product's price, tax rate and name as they were when it was added. */
@Entity({ tableName: 'order_line' })
export class OrderLine {
  [OptionalProps]?: 'id' | 'discountMinor';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Index()
  @ManyToOne(() => Order, { deleteRule: 'cascade' })
  // Rel<> keeps the class out of the emitted decorator metadata, which would break on the import cycle.
  order!: Rel<Order>;

  @Property({ type: 'smallint' })
  position!: number;

  @Index()
  @Property({ type: 'uuid' })
  productId!: string;

  @Property({ type: 'string', length: 64 })
  sku!: string;

  @Property({ type: 'string', length: 200 })
  name!: string;

  @Property({ type: 'integer' })
  quantity!: number;

  /** The order's currency, kept on the line so a line is readable on its own. */
  @Property({ type: 'string', length: 3 })
  currency!: string;

  @Property({ type: 'bigint' })
  unitPriceMinor!: bigint;

  @Property({ type: 'integer' })
  taxRateBp!: number;

  @Property({ type: 'bigint' })
  discountMinor: bigint = 0n;

  @Property({ type: 'bigint' })
  netMinor!: bigint;

  @Property({ type: 'bigint' })
  taxMinor!: bigint;
}
