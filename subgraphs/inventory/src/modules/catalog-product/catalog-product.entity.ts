import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { NotAudited } from '@erp/platform';

/**
 * Inventory's copy of what it needs to know of catalog's products to filter and sort stock reports (by category, by
 * name or SKU) in its own SQL: fed by catalog's `product.created` and `product.updated` events, never written by a
 * user. Catalog stays the owner; the graph shows the product's fields from catalog itself (`product { name }`).
 * A copy of another domain's data, not inventory's business data: not audited (catalog's trail has the changes).
 */
@NotAudited()
@Entity({ tableName: 'catalog_product' })
export class CatalogProduct {
  /** catalog's Product id. */
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'string', length: 64 })
  sku!: string;

  @Property({ type: 'string', length: 200 })
  name!: string;

  @Index()
  @Property({ type: 'uuid', nullable: true })
  categoryId: string | null = null;

  @Property({ type: 'boolean' })
  active = true;

  /** When catalog made the state held here (the event's `at`): an older event arriving later changes nothing. */
  @Property({ type: 'datetime' })
  changedAt!: Date;
}
