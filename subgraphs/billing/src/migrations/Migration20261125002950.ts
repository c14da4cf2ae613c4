import { Migration } from '@mikro-orm/migrations';

export class Migration20261125002950 extends Migration {

  override name = 'Migration20261125002950';

  override up(): void | Promise<void> {
    this.addSql(`create table "billing"."outbox_event" ("id" uuid not null, "type" varchar(100) not null, "aggregate_id" varchar(100) not null, "payload" jsonb not null, "occurred_at" timestamptz not null, "published_at" timestamptz null, "attempts" int not null default 0, primary key ("id"));`);
    this.addSql(`create index "outbox_event_published_at_occurred_at_index" on "billing"."outbox_event" ("published_at", "occurred_at");`);

    this.addSql(`create table "billing"."processed_event" ("consumer" varchar(100) not null, "event_id" uuid not null, "processed_at" timestamptz not null, primary key ("consumer", "event_id"));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "billing"."outbox_event" cascade;`);
    this.addSql(`drop table if exists "billing"."processed_event" cascade;`);
  }

}
