import { Migration } from '@mikro-orm/migrations';

export class Migration20261125002949 extends Migration {

  override name = 'Migration20261125002949';

  override up(): void | Promise<void> {
    this.addSql(`create table "sales"."outbox_event" ("id" uuid not null, "type" varchar(100) not null, "aggregate_id" varchar(100) not null, "payload" jsonb not null, "occurred_at" timestamptz not null, "published_at" timestamptz null, "attempts" int not null default 0, primary key ("id"));`);
    this.addSql(`create index "outbox_event_published_at_occurred_at_index" on "sales"."outbox_event" ("published_at", "occurred_at");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "sales"."outbox_event" cascade;`);
  }

}
