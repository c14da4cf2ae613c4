import { OptionalProps } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';

export const RESERVATION_STATUSES = ['ACTIVE', 'RELEASED', 'ISSUED'] as const;
export type ReservationStatus = (typeof RESERVATION_STATUSES)[number];

export interface ReservedLine {
  productId: string;
  quantity: number;
}

/**
 * The stock an order holds in one warehouse: ACTIVE from its placement, RELEASED when the order is cancelled (or its
 * placement failed after the reservation), ISSUED when it ships. One active reservation per order at most, which makes
 * reserving idempotent by order. Lines hold only stock-tracked products.
 */
@Entity({ tableName: 'reservation' })
@Index({ name: 'reservation_active_order_unique', expression: `create unique index "reservation_active_order_unique" on "reservation" ("order_id") where status = 'ACTIVE'` })
export class Reservation {
  [OptionalProps]?: 'id' | 'status' | 'warehouseId' | 'confirmedAt' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Index()
  @Property({ type: 'uuid' })
  orderId!: string;

  /** Null only when the order held nothing stock-tracked and there was no warehouse yet. */
  @Property({ type: 'uuid', nullable: true })
  warehouseId: string | null = null;

  @Property({ type: 'string', length: 16 })
  status: ReservationStatus = 'ACTIVE';

  @Property({ type: 'json' })
  lines!: ReservedLine[];

  /**
   * When inventory learnt that the order was placed (its order.placed event, or sales' answer to the sweep). A
   * reservation still unconfirmed long after it was made belongs to a placement that never finished (its process
   * stopped between the two steps): the sweep asks sales and releases it if the order is not placed.
   */
  @Property({ type: 'datetime', nullable: true })
  confirmedAt: Date | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
