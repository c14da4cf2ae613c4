import { Migration } from '@mikro-orm/migrations';

export class Migration20261201221609 extends Migration {

  override name = 'Migration20261201221609';

  override up(): void | Promise<void> {
    this.addSql(`create schema if not exists "inventory";`);
    this.addSql(`create table "inventory"."outbox_event" ("id" uuid not null, "type" varchar(100) not null, "aggregate_id" varchar(100) not null, "payload" jsonb not null, "occurred_at" timestamptz not null, "published_at" timestamptz null, "sequence" bigint null, primary key ("id"));`);
    this.addSql(`create index "outbox_event_sequence_index" on "inventory"."outbox_event" ("sequence");`);
    this.addSql(`create index "outbox_event_published_at_occurred_at_index" on "inventory"."outbox_event" ("published_at", "occurred_at");`);

    this.addSql(`create table "inventory"."processed_event" ("consumer" varchar(100) not null, "event_id" uuid not null, "processed_at" timestamptz not null, primary key ("consumer", "event_id"));`);

    this.addSql(`create table "inventory"."reservation" ("id" uuid not null, "order_id" uuid not null, "warehouse_id" uuid null, "status" varchar(16) not null default 'ACTIVE', "lines" jsonb not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "reservation_order_id_index" on "inventory"."reservation" ("order_id");`);
    this.addSql(`create unique index "reservation_active_order_unique" on "inventory"."reservation" ("order_id") where status = 'ACTIVE';`);

    this.addSql(`create table "inventory"."stock_item" ("id" uuid not null, "product_id" uuid not null, "tracked" boolean not null default true, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "inventory"."stock_item" add constraint "stock_item_product_id_unique" unique ("product_id");`);

    this.addSql(`create table "inventory"."stock_movement" ("id" uuid not null, "sequence" bigserial, "product_id" uuid not null, "warehouse_id" uuid not null, "kind" varchar(16) not null, "on_hand_change" int not null, "reserved_change" int not null, "on_hand_after" int not null, "reserved_after" int not null, "unit_cost_minor" bigint null, "currency" varchar(3) null, "reason" text null, "document_type" varchar(32) null, "document_id" uuid null, "by_user_id" uuid null, "at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "inventory"."stock_movement" add constraint "stock_movement_sequence_unique" unique ("sequence");`);
    this.addSql(`create index "stock_movement_warehouse_id_index" on "inventory"."stock_movement" ("warehouse_id");`);
    this.addSql(`create index "stock_movement_document_id_index" on "inventory"."stock_movement" ("document_id");`);
    this.addSql(`create index "stock_movement_product_id_sequence_index" on "inventory"."stock_movement" ("product_id", "sequence");`);

    this.addSql(`create table "inventory"."warehouse" ("id" uuid not null, "code" varchar(32) not null, "name" varchar(200) not null, "address" jsonb null, "active" boolean not null default true, "is_default" boolean not null default false, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`alter table "inventory"."warehouse" add constraint "warehouse_code_unique" unique ("code");`);
    this.addSql(`create unique index "warehouse_one_default" on "inventory"."warehouse" (is_default) where is_default;`);

    this.addSql(`create table "inventory"."stock_level" ("id" uuid not null, "product_id" uuid not null, "warehouse_id" uuid not null, "on_hand" int not null default 0, "reserved" int not null default 0, "reorder_point" int null, "reorder_quantity" int null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "stock_level_product_id_index" on "inventory"."stock_level" ("product_id");`);
    this.addSql(`alter table "inventory"."stock_level" add constraint "stock_level_product_id_warehouse_id_unique" unique ("product_id", "warehouse_id");`);

    this.addSql(`alter table "inventory"."stock_level" add constraint "stock_level_warehouse_id_foreign" foreign key ("warehouse_id") references "inventory"."warehouse" ("id") on delete restrict;`);
    this.addSql(`alter table "inventory"."stock_level" add constraint "stock_level_quantities_check" check (reserved >= 0 and on_hand >= reserved);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "inventory"."stock_level" drop constraint "stock_level_warehouse_id_foreign";`);

    this.addSql(`drop table if exists "inventory"."outbox_event" cascade;`);
    this.addSql(`drop table if exists "inventory"."processed_event" cascade;`);
    this.addSql(`drop table if exists "inventory"."reservation" cascade;`);
    this.addSql(`drop table if exists "inventory"."stock_item" cascade;`);
    this.addSql(`drop table if exists "inventory"."stock_movement" cascade;`);
    this.addSql(`drop table if exists "inventory"."warehouse" cascade;`);
    this.addSql(`drop table if exists "inventory"."stock_level" cascade;`);

    this.addSql(`drop schema if exists "inventory";`);
  }

}
