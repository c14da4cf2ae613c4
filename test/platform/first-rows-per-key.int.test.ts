import { randomUUID } from 'node:crypto';
import { compileSql, firstRowsPerKey, raw, sql, type Sql } from '@erp/platform';
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { asAdmin } from '../support/database.js';

/** A scratch table of rows per parent (`parent`, `created_at`), indexed as the kit's list fields are. */
async function withRows<T>(perParent: number, parents: number, work: (client: pg.Client, parentIds: string[]) => Promise<T>): Promise<T> {
  return asAdmin(async (client) => {
    await client.query(`create temporary table item (id uuid primary key, parent uuid not null, created_at timestamptz not null, label text not null)`);
    await client.query(`create index on item (parent, created_at, id)`);
    const parentIds = Array.from({ length: parents }, () => randomUUID());
    await client.query(
      `insert into item (id, parent, created_at, label)
       select gen_random_uuid(), p.id, timestamptz '2026-01-01' + n * interval '1 minute', p.position || '-' || n
       from unnest($1::uuid[]) with ordinality as p(id, position), generate_series(1, $2) n`,
      [parentIds, perParent],
    );
    await client.query('analyze item');
    return work(client, parentIds);
  });
}

const ITEM = raw('item t');
const NEWEST_FIRST = [{ column: sql`t.created_at`, as: 'createdAt', descending: true }, { column: sql`t.id`, as: 'id', descending: true }];
const run = async <R>(client: pg.Client, query: Sql) => {
  const { text, values } = compileSql(query);
  return (await client.query({ text, values })).rows as R[];
};

/** The plan PostgreSQL uses for the statement prepared, as the read path prepares it (a generic plan). */
async function genericPlan(client: pg.Client, query: Sql): Promise<string> {
  const { text, values } = compileSql(query);
  await client.query('set plan_cache_mode = force_generic_plan');
  await client.query(`prepare keyed as ${text}`);
  const literals = values.map((value) => (Array.isArray(value) ? `'{${value.join(',')}}'` : String(value)));
  const plan = await client.query(`explain (costs off) execute keyed(${literals.join(', ')})`);
  await client.query('deallocate keyed');
  return plan.rows.map((row: Record<string, string>) => row['QUERY PLAN']).join('\n');
}

describe('the first rows of each of many keys (firstRowsPerKey, behind every list field of many parents)', () => {
  it('gives each key\'s first rows in order, grouped in the keys\' order, at most the limit each', async () => {
    await withRows(5, 3, async (client, [a, b, c]) => {
      const query = firstRowsPerKey([c!, a!, c!, randomUUID()], {
        columns: sql`t.parent, t.label, t.created_at as "createdAt", t.id`,
        table: ITEM,
        column: sql`t.parent`,
        where: [sql`t.label <> ${'3-5'}`],
        orderBy: NEWEST_FIRST,
        limit: 2,
      });
      const rows = await run<{ parent: string; label: string }>(client, query);
      expect(rows.map((row) => row.label)).toEqual(['3-4', '3-3', '1-5', '1-4']);
      expect(rows.some((row) => row.parent === b)).toBe(false);
    });
  });

  it('reads each key\'s first index entries only, not every row of the keys', async () => {
    await withRows(200, 100, async (client, parents) => {
      const keys = parents.slice(0, 10);
      const page = await genericPlan(client, firstRowsPerKey(keys, { columns: sql`t.label, t.created_at as "createdAt", t.id`, table: ITEM, column: sql`t.parent`, orderBy: NEWEST_FIRST, limit: 6 }));
      expect(page).toMatch(/Limit[\s\S]*Index Scan Backward using item_parent_created_at_id_idx/);
      expect(page).not.toMatch(/Seq Scan on item/);
    });
  });
});
