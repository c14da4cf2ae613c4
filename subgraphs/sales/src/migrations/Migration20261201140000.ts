import { Migration } from '@mikro-orm/migrations';

/**
 * Order numbers move from the gap-free `number_sequence` row, which every placement locked until it committed, to a
 * PostgreSQL sequence per year (`order_number_<year>`, see the kit's `numberSeries`): unique and increasing, gaps
 * allowed. Each year already numbered continues after its last number; later years are created on first use.
 * Written by hand: the ORM's generator does not manage sequences (and so never drops these).
 */
export class Migration20261201140000 extends Migration {

  override name = 'Migration20261201140000';

  override up(): void | Promise<void> {
    this.addSql(`do $$
declare r record;
begin
  for r in select year, last_value from "sales"."number_sequence" where name = 'order' loop
    execute format('create sequence "sales".%I as bigint start with %s', 'order_number_' || r.year, r.last_value + 1);
  end loop;
  delete from "sales"."number_sequence" where name = 'order';
end $$;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`do $$
declare r record;
begin
  -- A sequence not drawn from yet has no last_value: the year continues after the number it would start with.
  for r in select sequencename, substring(sequencename from '^order_number_(\\d{4})$')::int as year,
                  coalesce(last_value, start_value - 1) as last_value
             from pg_sequences where schemaname = 'sales' and sequencename ~ '^order_number_\\d{4}$' loop
    if r.last_value > 0 then
      insert into "sales"."number_sequence" (name, year, last_value) values ('order', r.year, r.last_value);
    end if;
    execute format('drop sequence "sales".%I', r.sequencename);
  end loop;
end $$;`);
  }

}
