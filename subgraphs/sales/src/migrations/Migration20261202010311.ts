import { Migration } from '@mikro-orm/migrations';

export class Migration20261202010311 extends Migration {

  override name = 'Migration20261202010311';

  override up(): void | Promise<void> {
    this.addSql(`create table "sales"."order_invoice" ("id" uuid not null, "order_id" uuid not null, "number" varchar(32) null, "voided" boolean not null default false, primary key ("id"));`);
    this.addSql(`create index "order_invoice_order_id_index" on "sales"."order_invoice" ("order_id");`);

    this.addSql(`create table "sales"."processed_event" ("consumer" varchar(100) not null, "event_id" uuid not null, "processed_at" timestamptz not null, primary key ("consumer", "event_id"));`);

    this.addSql(`create table "sales"."catalog_product" ("id" uuid not null, "name" varchar(200) not null, "changed_at" timestamptz not null, primary key ("id"));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "sales"."order_invoice" cascade;`);
    this.addSql(`drop table if exists "sales"."processed_event" cascade;`);
    this.addSql(`drop table if exists "sales"."catalog_product" cascade;`);
  }

}
