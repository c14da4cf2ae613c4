import type { EntityClass } from '@mikro-orm/core';
import { emptyConnection, type Connection } from '../graphql/connection.js';
import { encodeCursor } from '../graphql/cursor.js';
import { groupByKey } from './loaders.js';
import { onDemand } from './on-demand.js';
import type { RowReader } from './row-reader.js';
import { firstRowsPerKey } from './first-rows-per-key.js';
import { allOf, sql, type Condition } from './sql.js';

export interface FirstPagePerKeyQuery<T extends { id: string; createdAt: Date }> {
  db: RowReader;
  entity: EntityClass<T>;
  /** The property the keys match, e.g. `customerId` (a many-to-one `order` is `orderId`). */
  key: keyof T & string;
  /** The properties to read; `id`, `createdAt` and the key are added. */
  fields: readonly string[];
  /** Extra conditions on alias `t`. */
  where?: readonly Condition[];
  limit: number;
}

/**
 * The first page (newest first) of a list field for many parents at once — e.g. every customer's orders — in one
 * statement whatever the number of parents (each parent reads its newest rows from the index on its key and
 * `createdAt`, see `firstRowsPerKey`), plus one GROUP BY for all their totals when a client selects `totalCount`.
 * Rows, not entities, as on the whole read path. Cursors match `paginate`'s `createdAt:DESC` ordering, so a client
 * can page further with the top-level query.
 */
export async function firstPagePerKey<T extends { id: string; createdAt: Date }>(keys: readonly string[], query: FirstPagePerKeyQuery<T>): Promise<Connection<T>[]> {
  if (keys.length === 0) return [];
  const { db, entity } = query;
  const keyColumn = db.column(entity, query.key);
  const where = allOf([sql`${keyColumn} = any(${keys}::uuid[])`, ...(query.where ?? [])]);
  const totals = onDemand(async () => {
    const counts = await db.rows<{ key: string; count: number }>(
      sql`select ${keyColumn} as key, count(*)::int as count from ${db.table(entity)} where ${where} group by ${keyColumn}`,
    );
    return new Map(counts.map((row) => [row.key, row.count]));
  });
  const rows = await db.rows<T>(
    firstRowsPerKey(keys, {
      columns: db.columns(entity, [...query.fields, 'createdAt', query.key]),
      table: db.table(entity),
      column: keyColumn,
      where: query.where,
      orderBy: [
        { column: db.column(entity, 'createdAt'), as: 'createdAt', descending: true },
        { column: sql`t.id`, as: 'id', descending: true },
      ],
      limit: query.limit + 1,
    }),
  );
  const grouped = groupByKey(keys, rows, (row) => row[query.key] as unknown as string);
  return keys.map((key, index) => {
    const nodes = grouped[index]!;
    if (nodes.length === 0) return emptyConnection<T>();
    const edges = nodes.slice(0, query.limit).map((node) => ({
      node,
      cursor: encodeCursor({ sort: 'createdAt:DESC', value: node.createdAt.toISOString(), id: node.id }),
    }));
    return {
      edges,
      totalCount: onDemand(async () => (await totals).get(key) ?? 0),
      pageInfo: { hasNextPage: nodes.length > query.limit, hasPreviousPage: false, startCursor: edges[0]!.cursor, endCursor: edges.at(-1)!.cursor },
    };
  });
}
