import { Migration } from '@mikro-orm/migrations';

/** One sequence for the events every outbox publishes: live events carry it, subscriptions resume after it. */
export class Migration20261202130000 extends Migration {
  override name = 'Migration20261202130000';

  override up(): void {
    this.addSql(`create sequence if not exists "erp_bus"."event_sequence" as bigint;`);
  }

  override down(): void {
    this.addSql(`drop sequence if exists "erp_bus"."event_sequence";`);
  }
}
