import { Migration } from '@mikro-orm/migrations';

export class Migration20261201192545 extends Migration {

  override name = 'Migration20261201192545';

  override up(): void | Promise<void> {
    // Written by hand (the generator knows no free-standing sequences): the feed's numbers, see partner-event.service.ts.
    this.addSql(`create sequence "notifications"."partner_event_sequence";`);
    this.addSql(`create table "notifications"."partner_event" ("id" uuid not null, "sequence" bigint not null, "type" varchar(100) not null, "source" varchar(50) not null, "aggregate_id" varchar(100) not null, "data" jsonb not null, "occurred_at" timestamptz not null, "received_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "notifications"."partner_event" add constraint "partner_event_sequence_unique" unique ("sequence");`);
    this.addSql(`create index "partner_event_type_index" on "notifications"."partner_event" ("type");`);
    this.addSql(`create index "partner_event_received_at_index" on "notifications"."partner_event" ("received_at");`);

    this.addSql(`create table "notifications"."webhook_endpoint" ("id" uuid not null, "url" varchar(2048) not null, "description" varchar(500) null, "events" text[] not null, "enabled" boolean not null default true, "disabled_reason" varchar(200) null, "secret_sealed" text not null, "previous_secret_sealed" text null, "previous_secret_expires_at" timestamptz null, "owner_api_key_id" uuid null, "created_by" varchar(100) not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "webhook_endpoint_owner_api_key_id_index" on "notifications"."webhook_endpoint" ("owner_api_key_id");`);
    this.addSql(`create index "webhook_endpoint_created_at_id_index" on "notifications"."webhook_endpoint" ("created_at", "id");`);

    this.addSql(`create table "notifications"."webhook_delivery" ("id" uuid not null, "endpoint_id" uuid not null, "event_id" uuid not null, "event_type" varchar(100) not null, "status" varchar(16) not null default 'PENDING', "attempt_count" int not null default 0, "last_status_code" int null, "last_error" text null, "next_attempt_at" timestamptz null, "created_at" timestamptz not null, "delivered_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "webhook_delivery_event_id_index" on "notifications"."webhook_delivery" ("event_id");`);
    this.addSql(`create index "webhook_delivery_status_index" on "notifications"."webhook_delivery" ("status");`);
    this.addSql(`create index "webhook_delivery_endpoint_id_created_at_id_index" on "notifications"."webhook_delivery" ("endpoint_id", "created_at", "id");`);
    this.addSql(`alter table "notifications"."webhook_delivery" add constraint "webhook_delivery_endpoint_id_event_id_unique" unique ("endpoint_id", "event_id");`);

    this.addSql(`create table "notifications"."webhook_delivery_attempt" ("id" uuid not null, "delivery_id" uuid not null, "attempt" int not null, "at" timestamptz not null, "succeeded" boolean not null, "status_code" int null, "error" text null, "duration_ms" int not null, primary key ("id"));`);
    this.addSql(`create index "webhook_delivery_attempt_delivery_id_index" on "notifications"."webhook_delivery_attempt" ("delivery_id");`);

    this.addSql(`alter table "notifications"."webhook_delivery" add constraint "webhook_delivery_endpoint_id_foreign" foreign key ("endpoint_id") references "notifications"."webhook_endpoint" ("id") on delete cascade;`);
    this.addSql(`alter table "notifications"."webhook_delivery" add constraint "webhook_delivery_event_id_foreign" foreign key ("event_id") references "notifications"."partner_event" ("id") on delete cascade;`);

    this.addSql(`alter table "notifications"."webhook_delivery_attempt" add constraint "webhook_delivery_attempt_delivery_id_foreign" foreign key ("delivery_id") references "notifications"."webhook_delivery" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "notifications"."webhook_delivery" drop constraint "webhook_delivery_event_id_foreign";`);
    this.addSql(`alter table "notifications"."webhook_delivery" drop constraint "webhook_delivery_endpoint_id_foreign";`);
    this.addSql(`alter table "notifications"."webhook_delivery_attempt" drop constraint "webhook_delivery_attempt_delivery_id_foreign";`);

    this.addSql(`drop table if exists "notifications"."partner_event" cascade;`);
    this.addSql(`drop table if exists "notifications"."webhook_endpoint" cascade;`);
    this.addSql(`drop table if exists "notifications"."webhook_delivery" cascade;`);
    this.addSql(`drop table if exists "notifications"."webhook_delivery_attempt" cascade;`);
    this.addSql(`drop sequence if exists "notifications"."partner_event_sequence";`);
  }

}
