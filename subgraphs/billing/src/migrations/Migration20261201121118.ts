import { Migration } from '@mikro-orm/migrations';

export class Migration20261201121118 extends Migration {

  override name = 'Migration20261201121118';

  override up(): void | Promise<void> {
    this.addSql(`alter table "billing"."outbox_event" drop column "attempts";`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "billing"."outbox_event" add "attempts" int4 not null default 0;`);
  }

}
