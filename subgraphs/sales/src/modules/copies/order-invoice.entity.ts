import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { NotAudited } from '@erp/platform';

/**
 * Sales' copy of what the graph shows of an order's invoice without asking billing — its id and number —, fed by
 * billing's `invoice.status_changed` events, so sales answers `orders { invoice { number } }` itself (`@provides`).
 * Billing stays the owner (every other field of the invoice comes from billing). Both facts kept here only ever move
 * one way — a number, once assigned at issue, never changes; a void invoice stays void — so events applied in any
 * order leave the same row. A copy of another domain's data: not audited.
 */
@NotAudited()
@Entity({ tableName: 'order_invoice' })
export class OrderInvoice {
  /** billing's Invoice id. */
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Index()
  @Property({ type: 'uuid' })
  orderId!: string;

  /** Null until billing issues the invoice. */
  @Property({ type: 'string', length: 32, nullable: true })
  number: string | null = null;

  @Property({ type: 'boolean' })
  voided = false;
}
