import { Migration } from '@mikro-orm/migrations';

export class Migration20261201225337 extends Migration {

  override name = 'Migration20261201225337';

  override up(): void | Promise<void> {
    this.addSql(`alter table "inventory"."reservation" add "confirmed_at" timestamptz null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "inventory"."reservation" drop column "confirmed_at";`);
  }

}
