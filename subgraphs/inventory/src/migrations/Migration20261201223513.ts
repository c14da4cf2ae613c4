import { Migration } from '@mikro-orm/migrations';

export class Migration20261201223513 extends Migration {

  override name = 'Migration20261201223513';

  override up(): void | Promise<void> {
    this.addSql(`create table "inventory"."catalog_product" ("id" uuid not null, "sku" varchar(64) not null, "name" varchar(200) not null, "category_id" uuid null, "active" boolean not null default true, "changed_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "catalog_product_category_id_index" on "inventory"."catalog_product" ("category_id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "inventory"."catalog_product" cascade;`);
  }

}
