import { Migration } from '@mikro-orm/migrations';

export class Migration20261124234813 extends Migration {

  override name = 'Migration20261124234813';

  override up(): void | Promise<void> {
    this.addSql(`create schema if not exists "billing";`);
    this.addSql(`create table "billing"."idempotency_key" ("scope" varchar(64) not null, "key" varchar(200) not null, "fingerprint" varchar(64) not null, "result_id" varchar(64) null, "created_at" timestamptz not null, primary key ("scope", "key"));`);

    this.addSql(`create table "billing"."invoice" ("id" uuid not null, "number" varchar(32) null, "customer_id" uuid not null, "order_id" uuid null, "status" varchar(16) not null default 'DRAFT', "currency" varchar(3) not null, "issue_date" date null, "due_date" date null, "payment_terms_days" smallint not null default 30, "subtotal_minor" bigint not null default '0', "tax_minor" bigint not null default '0', "total_minor" bigint not null default '0', "paid_minor" bigint not null default '0', "credited_minor" bigint not null default '0', "notes" text null, "issued_at" timestamptz null, "paid_at" timestamptz null, "voided_at" timestamptz null, "void_reason" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`alter table "billing"."invoice" add constraint "invoice_number_unique" unique ("number");`);
    this.addSql(`create index "invoice_order_id_index" on "billing"."invoice" ("order_id");`);
    this.addSql(`create index "invoice_status_index" on "billing"."invoice" ("status");`);
    this.addSql(`create index "invoice_created_at_id_index" on "billing"."invoice" ("created_at", "id");`);
    this.addSql(`create index "invoice_customer_id_created_at_id_index" on "billing"."invoice" ("customer_id", "created_at", "id");`);
    this.addSql(`create unique index "invoice_order_active_unique" on "billing"."invoice" ("order_id") where "status" <> 'VOID';`);

    this.addSql(`create table "billing"."credit_note" ("id" uuid not null, "number" varchar(32) not null, "invoice_id" uuid not null, "amount_minor" bigint not null, "currency" varchar(3) not null, "reason" text not null, "issued_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "billing"."credit_note" add constraint "credit_note_number_unique" unique ("number");`);
    this.addSql(`create index "credit_note_invoice_id_index" on "billing"."credit_note" ("invoice_id");`);

    this.addSql(`create table "billing"."invoice_line" ("id" uuid not null, "invoice_id" uuid not null, "position" smallint not null, "description" varchar(300) not null, "product_id" uuid null, "quantity" int not null, "currency" varchar(3) not null, "unit_price_minor" bigint not null, "tax_rate_bp" int not null, "net_minor" bigint not null, "tax_minor" bigint not null, primary key ("id"));`);
    this.addSql(`create index "invoice_line_invoice_id_index" on "billing"."invoice_line" ("invoice_id");`);

    this.addSql(`create table "billing"."number_sequence" ("name" varchar(32) not null, "year" int not null, "last_value" bigint not null, primary key ("name", "year"));`);

    this.addSql(`create table "billing"."payment" ("id" uuid not null, "invoice_id" uuid not null, "amount_minor" bigint not null, "currency" varchar(3) not null, "method" varchar(16) not null, "reference" varchar(200) null, "received_at" timestamptz not null, "recorded_by" uuid null, primary key ("id"));`);
    this.addSql(`create index "payment_invoice_id_index" on "billing"."payment" ("invoice_id");`);

    this.addSql(`alter table "billing"."credit_note" add constraint "credit_note_invoice_id_foreign" foreign key ("invoice_id") references "billing"."invoice" ("id") on delete restrict;`);

    this.addSql(`alter table "billing"."invoice_line" add constraint "invoice_line_invoice_id_foreign" foreign key ("invoice_id") references "billing"."invoice" ("id") on delete cascade;`);

    this.addSql(`alter table "billing"."payment" add constraint "payment_invoice_id_foreign" foreign key ("invoice_id") references "billing"."invoice" ("id") on delete restrict;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "billing"."credit_note" drop constraint "credit_note_invoice_id_foreign";`);
    this.addSql(`alter table "billing"."invoice_line" drop constraint "invoice_line_invoice_id_foreign";`);
    this.addSql(`alter table "billing"."payment" drop constraint "payment_invoice_id_foreign";`);

    this.addSql(`drop table if exists "billing"."idempotency_key" cascade;`);
    this.addSql(`drop table if exists "billing"."invoice" cascade;`);
    this.addSql(`drop table if exists "billing"."credit_note" cascade;`);
    this.addSql(`drop table if exists "billing"."invoice_line" cascade;`);
    this.addSql(`drop table if exists "billing"."number_sequence" cascade;`);
    this.addSql(`drop table if exists "billing"."payment" cascade;`);

    this.addSql(`drop schema if exists "billing";`);
  }

}
