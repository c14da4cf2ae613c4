import { allOf, joinSql, raw, sql, type Condition, type Sql } from './sql.js';

/** One column of the order of each key's rows: read on alias `t`, and among `columns` under the alias `as`. */
export interface RowOrder {
  column: Sql;
  as: string;
  descending?: boolean;
}

export interface FirstRowsPerKey {
  /** The columns to read, on alias `t` of `table`. */
  columns: Sql;
  /** `"schema"."table" t`. */
  table: Sql;
  /** The column the keys match, on alias `t`. */
  column: Sql;
  /** Extra conditions on alias `t`. */
  where?: readonly Condition[];
  /** The order of each key's rows, e.g. `createdAt` then `id`, both descending; each column must be among `columns`. */
  orderBy: readonly RowOrder[];
  /** At most this many rows per key. */
  limit: number;
}

/**
 * The first `limit` rows of each of many keys (every customer's newest orders) in one statement: each key reads only
 * its first rows from an index on (key column, order), however many it has in all. Ranking every row of every key with
 * a window function reads them all: with 100 orders a customer, PostgreSQL spent 2.4–2.6 ms of CPU on a deep query's
 * statements that way against 1.8 this way (with 5 a customer, 0.12 ms less: where ranking is cheaper, it is by little).
 * Rows come grouped by key, in the keys' order (each key once), each group in `orderBy` order.
 */
export function firstRowsPerKey(keys: readonly string[], read: FirstRowsPerKey): Sql {
  const where = allOf([sql`${read.column} = batch.key`, ...(read.where ?? [])]);
  const direction = (order: RowOrder) => raw(order.descending ? ' desc' : '');
  const ofRows = joinSql(read.orderBy.map((order) => sql`${order.column}${direction(order)}`), ', ');
  const ofPage = joinSql(read.orderBy.map((order) => sql`page.${raw(`"${order.as}"`)}${direction(order)}`), ', ');
  return sql`select page.* from unnest(${[...new Set(keys)]}::uuid[]) with ordinality as batch(key, position) cross join lateral (
      select ${read.columns} from ${read.table} where ${where} order by ${ofRows} limit ${read.limit}
    ) page order by batch.position, ${ofPage}`;
}
