import { Migration } from '@mikro-orm/migrations';

export class Migration20261201223545 extends Migration {

  override name = 'Migration20261201223545';

  override up(): void | Promise<void> {
    this.addSql(`create table "inventory"."idempotency_key" ("scope" varchar(64) not null, "key" varchar(200) not null, "fingerprint" varchar(64) not null, "result_id" varchar(64) null, "created_at" timestamptz not null, primary key ("scope", "key"));`);

    this.addSql(`create table "inventory"."number_sequence" ("name" varchar(32) not null, "year" int not null, "last_value" bigint not null, primary key ("name", "year"));`);

    this.addSql(`create table "inventory"."supplier" ("id" uuid not null, "name" varchar(200) not null, "email" varchar(320) null, "phone" varchar(50) null, "contact_person" varchar(200) null, "currency" varchar(3) not null, "payment_terms_days" int not null default 30, "lead_time_days" int not null default 0, "active" boolean not null default true, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "supplier_name_index" on "inventory"."supplier" ("name");`);

    this.addSql(`create table "inventory"."product_supplier" ("id" uuid not null, "product_id" uuid not null, "supplier_id" uuid not null, "unit_cost_minor" bigint null, "currency" varchar(3) not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "inventory"."product_supplier" add constraint "product_supplier_product_id_unique" unique ("product_id");`);
    this.addSql(`create index "product_supplier_supplier_id_index" on "inventory"."product_supplier" ("supplier_id");`);

    this.addSql(`create table "inventory"."purchase_order" ("id" uuid not null, "number" varchar(32) not null, "supplier_id" uuid not null, "warehouse_id" uuid not null, "currency" varchar(3) not null, "status" varchar(24) not null default 'DRAFT', "expected_date" date null, "notes" text null, "created_by" uuid null, "sent_at" timestamptz null, "received_at" timestamptz null, "cancelled_at" timestamptz null, "cancel_reason" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`alter table "inventory"."purchase_order" add constraint "purchase_order_number_unique" unique ("number");`);
    this.addSql(`create index "purchase_order_supplier_id_index" on "inventory"."purchase_order" ("supplier_id");`);
    this.addSql(`create index "purchase_order_warehouse_id_index" on "inventory"."purchase_order" ("warehouse_id");`);
    this.addSql(`create index "purchase_order_status_created_at_index" on "inventory"."purchase_order" ("status", "created_at");`);

    this.addSql(`create table "inventory"."purchase_order_line" ("id" uuid not null, "purchase_order_id" uuid not null, "position" int not null, "product_id" uuid not null, "quantity_ordered" int not null, "quantity_received" int not null default 0, "unit_cost_minor" bigint not null, "currency" varchar(3) not null, primary key ("id"));`);
    this.addSql(`create index "purchase_order_line_product_id_index" on "inventory"."purchase_order_line" ("product_id");`);
    this.addSql(`alter table "inventory"."purchase_order_line" add constraint "purchase_order_line_purchase_order_id_product_id_unique" unique ("purchase_order_id", "product_id");`);

    this.addSql(`alter table "inventory"."stock_item" add "value_minor" bigint not null default '0', add "cost_currency" varchar(3) null;`);

    this.addSql(`alter table "inventory"."product_supplier" add constraint "product_supplier_supplier_id_foreign" foreign key ("supplier_id") references "inventory"."supplier" ("id") on delete restrict;`);

    this.addSql(`alter table "inventory"."purchase_order" add constraint "purchase_order_supplier_id_foreign" foreign key ("supplier_id") references "inventory"."supplier" ("id") on delete restrict;`);
    this.addSql(`alter table "inventory"."purchase_order" add constraint "purchase_order_warehouse_id_foreign" foreign key ("warehouse_id") references "inventory"."warehouse" ("id") on delete restrict;`);

    this.addSql(`alter table "inventory"."purchase_order_line" add constraint "purchase_order_line_purchase_order_id_foreign" foreign key ("purchase_order_id") references "inventory"."purchase_order" ("id") on delete cascade;`);
    this.addSql(`alter table "inventory"."purchase_order_line" add constraint "purchase_order_line_received_check" check (quantity_received >= 0 and quantity_received <= quantity_ordered);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "inventory"."product_supplier" drop constraint "product_supplier_supplier_id_foreign";`);
    this.addSql(`alter table "inventory"."purchase_order" drop constraint "purchase_order_supplier_id_foreign";`);
    this.addSql(`alter table "inventory"."purchase_order_line" drop constraint "purchase_order_line_purchase_order_id_foreign";`);

    this.addSql(`drop table if exists "inventory"."idempotency_key" cascade;`);
    this.addSql(`drop table if exists "inventory"."number_sequence" cascade;`);
    this.addSql(`drop table if exists "inventory"."supplier" cascade;`);
    this.addSql(`drop table if exists "inventory"."product_supplier" cascade;`);
    this.addSql(`drop table if exists "inventory"."purchase_order" cascade;`);
    this.addSql(`drop table if exists "inventory"."purchase_order_line" cascade;`);

    this.addSql(`alter table "inventory"."stock_item" drop column "value_minor", drop column "cost_currency";`);
  }

}
