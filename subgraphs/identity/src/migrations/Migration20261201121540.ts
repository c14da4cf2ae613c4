import { Migration } from '@mikro-orm/migrations';

export class Migration20261201121540 extends Migration {

  override name = 'Migration20261201121540';

  override up(): void | Promise<void> {
    this.addSql(`create table "identity"."outbox_event" ("id" uuid not null, "type" varchar(100) not null, "aggregate_id" varchar(100) not null, "payload" jsonb not null, "occurred_at" timestamptz not null, "published_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "outbox_event_published_at_occurred_at_index" on "identity"."outbox_event" ("published_at", "occurred_at");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "identity"."outbox_event" cascade;`);
  }

}
