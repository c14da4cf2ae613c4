import { Migration } from '@mikro-orm/migrations';

export class Migration20261126051111 extends Migration {

  override name = 'Migration20261126051111';

  override up(): void | Promise<void> {
    this.addSql(`create schema if not exists "notifications";`);
    this.addSql(`create table "notifications"."notification" ("id" uuid not null, "channel" varchar(16) not null, "recipient" varchar(2048) not null, "subject" varchar(300) null, "body" text not null, "data" jsonb null, "attachments" jsonb not null, "status" varchar(16) not null default 'QUEUED', "attempt_count" int not null default 0, "last_error" text null, "template_key" varchar(100) null, "event_id" uuid null, "customer_id" uuid null, "user_id" uuid null, "created_at" timestamptz not null, "sent_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "notification_status_index" on "notifications"."notification" ("status");`);
    this.addSql(`create index "notification_user_id_channel_created_at_index" on "notifications"."notification" ("user_id", "channel", "created_at");`);
    this.addSql(`create index "notification_customer_id_created_at_index" on "notifications"."notification" ("customer_id", "created_at");`);
    this.addSql(`create index "notification_created_at_id_index" on "notifications"."notification" ("created_at", "id");`);

    this.addSql(`create table "notifications"."notification_attempt" ("id" uuid not null, "notification_id" uuid not null, "attempt" int not null, "status" varchar(16) not null, "error" text null, "at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "notification_attempt_notification_id_index" on "notifications"."notification_attempt" ("notification_id");`);

    this.addSql(`create table "notifications"."notification_template" ("id" uuid not null, "key" varchar(100) not null, "channel" varchar(16) not null, "subject" varchar(300) null, "body" text not null, "active" boolean not null default true, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`alter table "notifications"."notification_template" add constraint "notification_template_key_channel_unique" unique ("key", "channel");`);

    this.addSql(`create table "notifications"."outbox_event" ("id" uuid not null, "type" varchar(100) not null, "aggregate_id" varchar(100) not null, "payload" jsonb not null, "occurred_at" timestamptz not null, "published_at" timestamptz null, "attempts" int not null default 0, primary key ("id"));`);
    this.addSql(`create index "outbox_event_published_at_occurred_at_index" on "notifications"."outbox_event" ("published_at", "occurred_at");`);

    this.addSql(`create table "notifications"."processed_event" ("consumer" varchar(100) not null, "event_id" uuid not null, "processed_at" timestamptz not null, primary key ("consumer", "event_id"));`);

    this.addSql(`alter table "notifications"."notification_attempt" add constraint "notification_attempt_notification_id_foreign" foreign key ("notification_id") references "notifications"."notification" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "notifications"."notification_attempt" drop constraint "notification_attempt_notification_id_foreign";`);

    this.addSql(`drop table if exists "notifications"."notification" cascade;`);
    this.addSql(`drop table if exists "notifications"."notification_attempt" cascade;`);
    this.addSql(`drop table if exists "notifications"."notification_template" cascade;`);
    this.addSql(`drop table if exists "notifications"."outbox_event" cascade;`);
    this.addSql(`drop table if exists "notifications"."processed_event" cascade;`);

    this.addSql(`drop schema if exists "notifications";`);
  }

}
