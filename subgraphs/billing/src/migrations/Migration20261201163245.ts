import { Migration } from '@mikro-orm/migrations';

export class Migration20261201163245 extends Migration {

  override name = 'Migration20261201163245';

  override up(): void | Promise<void> {
    this.addSql(`alter table "billing"."outbox_event" add "sequence" bigint null;`);
    this.addSql(`create index "outbox_event_sequence_index" on "billing"."outbox_event" ("sequence");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "billing"."outbox_event_sequence_index";`);
    this.addSql(`alter table "billing"."outbox_event" drop column "sequence";`);
  }

}
