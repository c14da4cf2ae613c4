import { Migration } from '@mikro-orm/migrations';

export class Migration20261124233803 extends Migration {

  override name = 'Migration20261124233803';

  override up(): void | Promise<void> {
    this.addSql(`create schema if not exists "catalog";`);
    this.addSql(`create table "catalog"."category" ("id" uuid not null, "name" varchar(100) not null, "parent_id" uuid null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "catalog"."category" add constraint "category_parent_id_name_unique" unique ("parent_id", "name");`);

    this.addSql(`create table "catalog"."product" ("id" uuid not null, "sku" varchar(64) not null, "name" varchar(200) not null, "description" text null, "price_minor" bigint not null, "currency" varchar(3) not null, "tax_rate_bp" int not null, "unit" varchar(16) not null default 'pcs', "category_id" uuid null, "active" boolean not null default true, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`alter table "catalog"."product" add constraint "product_sku_unique" unique ("sku");`);
    this.addSql(`create index "product_category_id_index" on "catalog"."product" ("category_id");`);
    this.addSql(`create index "product_name_id_index" on "catalog"."product" ("name", "id");`);
    this.addSql(`create index "product_created_at_id_index" on "catalog"."product" ("created_at", "id");`);

    this.addSql(`alter table "catalog"."category" add constraint "category_parent_id_foreign" foreign key ("parent_id") references "catalog"."category" ("id") on delete restrict;`);

    this.addSql(`alter table "catalog"."product" add constraint "product_category_id_foreign" foreign key ("category_id") references "catalog"."category" ("id") on delete set null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "catalog"."category" drop constraint "category_parent_id_foreign";`);
    this.addSql(`alter table "catalog"."product" drop constraint "product_category_id_foreign";`);

    this.addSql(`drop table if exists "catalog"."category" cascade;`);
    this.addSql(`drop table if exists "catalog"."product" cascade;`);

    this.addSql(`drop schema if exists "catalog";`);
  }

}
