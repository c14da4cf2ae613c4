import { Migration } from '@mikro-orm/migrations';

export class Migration20261124232708 extends Migration {

  override name = 'Migration20261124232708';

  override up(): void | Promise<void> {
    this.addSql(`create schema if not exists "crm";`);
    this.addSql(`create table "crm"."customer" ("id" uuid not null, "kind" varchar(16) not null default 'COMPANY', "name" varchar(200) not null, "email" varchar(320) null, "phone" varchar(50) null, "tax_id" varchar(50) null, "currency" varchar(3) not null default 'EUR', "tags" text[] not null, "billing_address" jsonb null, "shipping_address" jsonb null, "archived_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "customer_email_index" on "crm"."customer" ("email");`);
    this.addSql(`create index "customer_name_id_index" on "crm"."customer" ("name", "id");`);
    this.addSql(`create index "customer_created_at_id_index" on "crm"."customer" ("created_at", "id");`);

    this.addSql(`create table "crm"."contact" ("id" uuid not null, "customer_id" uuid not null, "first_name" varchar(100) not null, "last_name" varchar(100) not null, "email" varchar(320) null, "phone" varchar(50) null, "position" varchar(100) null, "is_primary" boolean not null default false, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "contact_customer_id_index" on "crm"."contact" ("customer_id");`);

    this.addSql(`create table "crm"."lead" ("id" uuid not null, "title" varchar(200) not null, "company_name" varchar(200) null, "contact_name" varchar(200) null, "email" varchar(320) null, "phone" varchar(50) null, "source" varchar(100) null, "stage" varchar(16) not null default 'NEW', "value_minor" bigint not null default '0', "currency" varchar(3) not null default 'EUR', "probability" smallint not null default 10, "expected_close_date" date null, "owner_id" uuid null, "lost_reason" text null, "customer_id" uuid null, "converted_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "lead_stage_index" on "crm"."lead" ("stage");`);
    this.addSql(`create index "lead_owner_id_index" on "crm"."lead" ("owner_id");`);
    this.addSql(`create index "lead_created_at_id_index" on "crm"."lead" ("created_at", "id");`);

    this.addSql(`create table "crm"."activity" ("id" uuid not null, "type" varchar(16) not null, "subject" varchar(200) not null, "body" text null, "author_id" uuid null, "customer_id" uuid null, "lead_id" uuid null, "occurred_at" timestamptz not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "activity_lead_id_occurred_at_index" on "crm"."activity" ("lead_id", "occurred_at");`);
    this.addSql(`create index "activity_customer_id_occurred_at_index" on "crm"."activity" ("customer_id", "occurred_at");`);

    this.addSql(`alter table "crm"."contact" add constraint "contact_customer_id_foreign" foreign key ("customer_id") references "crm"."customer" ("id") on delete cascade;`);

    this.addSql(`alter table "crm"."lead" add constraint "lead_customer_id_foreign" foreign key ("customer_id") references "crm"."customer" ("id") on delete set null;`);

    this.addSql(`alter table "crm"."activity" add constraint "activity_customer_id_foreign" foreign key ("customer_id") references "crm"."customer" ("id") on delete cascade;`);
    this.addSql(`alter table "crm"."activity" add constraint "activity_lead_id_foreign" foreign key ("lead_id") references "crm"."lead" ("id") on delete cascade;`);
    this.addSql(`alter table "crm"."activity" add constraint "activity_about_one_check" check ((customer_id is null) <> (lead_id is null));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "crm"."contact" drop constraint "contact_customer_id_foreign";`);
    this.addSql(`alter table "crm"."lead" drop constraint "lead_customer_id_foreign";`);
    this.addSql(`alter table "crm"."activity" drop constraint "activity_customer_id_foreign";`);
    this.addSql(`alter table "crm"."activity" drop constraint "activity_lead_id_foreign";`);

    this.addSql(`drop table if exists "crm"."customer" cascade;`);
    this.addSql(`drop table if exists "crm"."contact" cascade;`);
    this.addSql(`drop table if exists "crm"."lead" cascade;`);
    this.addSql(`drop table if exists "crm"."activity" cascade;`);

    this.addSql(`drop schema if exists "crm";`);
  }

}
