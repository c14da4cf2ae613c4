import type { EntityClass } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { emptyConnection, type Connection } from '../graphql/connection.js';
import { encodeCursor } from '../graphql/cursor.js';
import { groupByKey } from './loaders.js';
import { onDemand } from './on-demand.js';
import { tableOf } from './table-name.js';

export interface FirstPagePerKeyQuery<T extends { id: string; createdAt: Date }> {
  entity: EntityClass<T>;
  /** The column the keys match, e.g. `customer_id`. */
  keyColumn: string;
  /** The entity property holding that key. */
  keyOf: (row: T) => string;
  /** Extra SQL conditions on alias `t`, with `?` placeholders, e.g. `t.status = ?`. */
  where?: { sql: string; params: unknown[] };
  limit: number;
}

/**
 * The first page (newest first) of a list field for many parents at once — e.g. every customer's orders — in one
 * statement whatever the number of parents (a window function ranks each parent's rows), plus one GROUP BY for all
 * their totals when a client selects `totalCount`.
 * Cursors match `paginate`'s `createdAt:DESC` ordering, so a client can page further with the top-level query.
 */
export async function firstPagePerKey<T extends { id: string; createdAt: Date }>(
  em: EntityManager,
  keys: readonly string[],
  query: FirstPagePerKeyQuery<T>,
): Promise<Connection<T>[]> {
  if (keys.length === 0) return [];
  const table = tableOf(em, query.entity);
  const keyList = `{${keys.join(',')}}`;
  const extra = query.where ? `and ${query.where.sql}` : '';
  const params = [keyList, ...(query.where?.params ?? [])];
  const connection = em.getConnection();
  const totals = onDemand(async () => {
    const counts = (await connection.execute(
      `select t.${query.keyColumn} as key, count(*) as count from ${table} t where t.${query.keyColumn} = any(?::uuid[]) ${extra} group by t.${query.keyColumn}`,
      params,
    )) as { key: string; count: string }[];
    return new Map(counts.map((row) => [row.key, Number(row.count)]));
  });
  const rows = (await connection.execute(
    `select * from (select t.*, row_number() over (partition by t.${query.keyColumn} order by t.created_at desc, t.id desc) as page_rank
       from ${table} t where t.${query.keyColumn} = any(?::uuid[]) ${extra}) ranked
     where page_rank <= ? order by created_at desc, id desc`,
    [...params, query.limit + 1],
  )) as Record<string, unknown>[];
  const grouped = groupByKey(keys, rows.map((row) => em.map(query.entity, row as never)), query.keyOf);
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
