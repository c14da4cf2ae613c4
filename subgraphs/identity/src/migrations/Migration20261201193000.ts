import { Migration } from '@mikro-orm/migrations';

export class Migration20261201193000 extends Migration {

  override name = 'Migration20261201193000';

  override up(): void | Promise<void> {
    this.addSql(`alter table "identity"."api_key" add "cost_bucket_size" int null, add "cost_restore_rate" int null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "identity"."api_key" drop column "cost_bucket_size", drop column "cost_restore_rate";`);
  }

}
