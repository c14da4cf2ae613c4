import { Migration } from '@mikro-orm/migrations';

export class Migration20261201192440 extends Migration {

  override name = 'Migration20261201192440';

  override up(): void | Promise<void> {
    this.addSql(`create table "identity"."audit_entry" ("id" uuid not null, "event_id" uuid not null, "occurred_at" timestamptz not null, "subgraph" varchar(100) not null, "mutation" varchar(200) null, "job" varchar(200) null, "request_id" varchar(200) not null, "actor_kind" varchar(16) not null, "actor_id" varchar(200) null, "actor_roles" text[] not null, "actor_scopes" text[] not null, "on_behalf_of" uuid null, "entity_type" varchar(100) not null, "entity_id" varchar(200) not null, "action" varchar(16) not null, "changes" jsonb not null, primary key ("id"));`);
    this.addSql(`create index "audit_entry_event_id_index" on "identity"."audit_entry" ("event_id");`);
    this.addSql(`create index "audit_entry_mutation_occurred_at_index" on "identity"."audit_entry" ("mutation", "occurred_at");`);
    this.addSql(`create index "audit_entry_actor_id_occurred_at_index" on "identity"."audit_entry" ("actor_id", "occurred_at");`);
    this.addSql(`create index "audit_entry_entity_type_entity_id_occurred_at_index" on "identity"."audit_entry" ("entity_type", "entity_id", "occurred_at");`);
    this.addSql(`create index "audit_entry_occurred_at_id_index" on "identity"."audit_entry" ("occurred_at", "id");`);

    this.addSql(`create table "identity"."processed_event" ("consumer" varchar(100) not null, "event_id" uuid not null, "processed_at" timestamptz not null, primary key ("consumer", "event_id"));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "identity"."audit_entry" cascade;`);
    this.addSql(`drop table if exists "identity"."processed_event" cascade;`);
  }

}
