import { Migration } from '@mikro-orm/migrations';

export class Migration20261201221838 extends Migration {

  override name = 'Migration20261201221838';

  override up(): void | Promise<void> {
    this.addSql(`alter table "sales"."order" add "warehouse_id" uuid null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "sales"."order" drop column "warehouse_id";`);
  }

}
