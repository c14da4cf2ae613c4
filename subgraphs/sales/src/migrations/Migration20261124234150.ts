import { Migration } from '@mikro-orm/migrations';

export class Migration20261124234150 extends Migration {

  override name = 'Migration20261124234150';

  override up(): void | Promise<void> {
    this.addSql(`create schema if not exists "sales";`);
    this.addSql(`create table "sales"."idempotency_key" ("scope" varchar(64) not null, "key" varchar(200) not null, "fingerprint" varchar(64) not null, "result_id" varchar(64) null, "created_at" timestamptz not null, primary key ("scope", "key"));`);

    this.addSql(`create table "sales"."number_sequence" ("name" varchar(32) not null, "year" int not null, "last_value" bigint not null, primary key ("name", "year"));`);

    this.addSql(`create table "sales"."order" ("id" uuid not null, "number" varchar(32) not null, "customer_id" uuid not null, "status" varchar(16) not null default 'DRAFT', "currency" varchar(3) not null, "shipping_address" jsonb null, "notes" text null, "subtotal_minor" bigint not null default '0', "tax_minor" bigint not null default '0', "total_minor" bigint not null default '0', "placed_at" timestamptz null, "confirmed_at" timestamptz null, "shipped_at" timestamptz null, "delivered_at" timestamptz null, "cancelled_at" timestamptz null, "cancel_reason" text null, "created_by" uuid null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`alter table "sales"."order" add constraint "order_number_unique" unique ("number");`);
    this.addSql(`create index "order_status_index" on "sales"."order" ("status");`);
    this.addSql(`create index "order_created_at_id_index" on "sales"."order" ("created_at", "id");`);
    this.addSql(`create index "order_customer_id_created_at_id_index" on "sales"."order" ("customer_id", "created_at", "id");`);

    this.addSql(`create table "sales"."order_line" ("id" uuid not null, "order_id" uuid not null, "position" smallint not null, "product_id" uuid not null, "sku" varchar(64) not null, "name" varchar(200) not null, "quantity" int not null, "currency" varchar(3) not null, "unit_price_minor" bigint not null, "tax_rate_bp" int not null, "discount_minor" bigint not null default '0', "net_minor" bigint not null, "tax_minor" bigint not null, primary key ("id"));`);
    this.addSql(`create index "order_line_order_id_index" on "sales"."order_line" ("order_id");`);
    this.addSql(`create index "order_line_product_id_index" on "sales"."order_line" ("product_id");`);

    this.addSql(`create table "sales"."order_status_change" ("id" uuid not null, "order_id" uuid not null, "from_status" varchar(16) null, "to_status" varchar(16) not null, "by_user_id" uuid null, "reason" text null, "at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "order_status_change_order_id_at_index" on "sales"."order_status_change" ("order_id", "at");`);

    this.addSql(`create table "sales"."shipment" ("id" uuid not null, "order_id" uuid not null, "carrier" varchar(100) not null, "tracking_number" varchar(100) not null, "shipped_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "shipment_order_id_index" on "sales"."shipment" ("order_id");`);

    this.addSql(`alter table "sales"."order_line" add constraint "order_line_order_id_foreign" foreign key ("order_id") references "sales"."order" ("id") on delete cascade;`);

    this.addSql(`alter table "sales"."order_status_change" add constraint "order_status_change_order_id_foreign" foreign key ("order_id") references "sales"."order" ("id") on delete cascade;`);

    this.addSql(`alter table "sales"."shipment" add constraint "shipment_order_id_foreign" foreign key ("order_id") references "sales"."order" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "sales"."order_line" drop constraint "order_line_order_id_foreign";`);
    this.addSql(`alter table "sales"."order_status_change" drop constraint "order_status_change_order_id_foreign";`);
    this.addSql(`alter table "sales"."shipment" drop constraint "shipment_order_id_foreign";`);

    this.addSql(`drop table if exists "sales"."idempotency_key" cascade;`);
    this.addSql(`drop table if exists "sales"."number_sequence" cascade;`);
    this.addSql(`drop table if exists "sales"."order" cascade;`);
    this.addSql(`drop table if exists "sales"."order_line" cascade;`);
    this.addSql(`drop table if exists "sales"."order_status_change" cascade;`);
    this.addSql(`drop table if exists "sales"."shipment" cascade;`);

    this.addSql(`drop schema if exists "sales";`);
  }

}
