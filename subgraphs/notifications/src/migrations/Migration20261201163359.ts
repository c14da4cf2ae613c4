import { Migration } from '@mikro-orm/migrations';

export class Migration20261201163359 extends Migration {

  override name = 'Migration20261201163359';

  override up(): void | Promise<void> {
    this.addSql(`alter table "notifications"."outbox_event" add "sequence" bigint null;`);
    this.addSql(`create index "outbox_event_sequence_index" on "notifications"."outbox_event" ("sequence");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "notifications"."outbox_event_sequence_index";`);
    this.addSql(`alter table "notifications"."outbox_event" drop column "sequence";`);
  }

}
