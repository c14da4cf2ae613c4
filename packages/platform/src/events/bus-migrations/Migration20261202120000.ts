import { Migration } from '@mikro-orm/migrations';

/**
 * The bus ledger (see delivery-ledger.ts). Written by hand: the kit maps no entity to these tables, it reads and writes
 * them in a few statements of its own.
 */
export class Migration20261202120000 extends Migration {

  override name = 'Migration20261202120000';

  override up(): void | Promise<void> {
    this.addSql(`create schema if not exists "erp_bus";`);
    this.addSql(`create table "erp_bus"."subscription" ("consumer" varchar(100) not null, "event_type" varchar(100) not null, "service" varchar(100) not null, "attempts" int not null, "backoff_ms" int not null, "registered_at" timestamptz not null default now(), "seen_at" timestamptz not null default now(), primary key ("consumer", "event_type"));`);
    this.addSql(`create index "subscription_event_type_index" on "erp_bus"."subscription" ("event_type");`);

    this.addSql(`create table "erp_bus"."delivery" ("event_id" uuid not null, "consumer" varchar(100) not null, "source" varchar(100) null, "event_type" varchar(100) null, "published_at" timestamptz not null default now(), "due_at" timestamptz null, "redeliveries" int not null default 0, "acked_at" timestamptz null, "failed_at" timestamptz null, "service" varchar(100) null, "attempts" int null, "error" text null, primary key ("event_id", "consumer"));`);
    this.addSql(`create index "delivery_owed_index" on "erp_bus"."delivery" ("source", "due_at") where "acked_at" is null and "failed_at" is null;`);
    this.addSql(`create index "delivery_failed_index" on "erp_bus"."delivery" ("failed_at") where "failed_at" is not null and "acked_at" is null;`);
    this.addSql(`create index "delivery_acked_at_index" on "erp_bus"."delivery" ("acked_at") where "acked_at" is not null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "erp_bus"."delivery";`);
    this.addSql(`drop table if exists "erp_bus"."subscription";`);
  }

}
