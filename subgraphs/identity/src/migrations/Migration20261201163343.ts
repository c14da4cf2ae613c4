import { Migration } from '@mikro-orm/migrations';

export class Migration20261201163343 extends Migration {

  override name = 'Migration20261201163343';

  override up(): void | Promise<void> {
    this.addSql(`alter table "identity"."outbox_event" add "sequence" bigint null;`);
    this.addSql(`create index "outbox_event_sequence_index" on "identity"."outbox_event" ("sequence");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "identity"."outbox_event_sequence_index";`);
    this.addSql(`alter table "identity"."outbox_event" drop column "sequence";`);
  }

}
