import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { NotAudited } from '@erp/platform';

/**
 * Sales' copy of catalog's product names, fed by catalog's `product.created` and `product.updated` events, so sales
 * answers `lines { product { name } }` itself (`@provides`) instead of the router asking catalog for every page of
 * lines. Catalog stays the owner; a copy of another domain's data, never written by a user: not audited.
 */
@NotAudited()
@Entity({ tableName: 'catalog_product' })
export class ProductName {
  /** catalog's Product id. */
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'string', length: 200 })
  name!: string;

  /** When catalog made the name held here (the event's `at`): an older event arriving later changes nothing. */
  @Property({ type: 'datetime' })
  changedAt!: Date;
}
