import { Migration } from '@mikro-orm/migrations';

export class Migration20261201163323 extends Migration {

  override name = 'Migration20261201163323';

  override up(): void | Promise<void> {
    this.addSql(`alter table "crm"."outbox_event" add "sequence" bigint null;`);
    this.addSql(`create index "outbox_event_sequence_index" on "crm"."outbox_event" ("sequence");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "crm"."outbox_event_sequence_index";`);
    this.addSql(`alter table "crm"."outbox_event" drop column "sequence";`);
  }

}
