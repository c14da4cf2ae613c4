import type { EntityClass } from '@mikro-orm/core';
import type { Connection, PageInfo } from '../graphql/connection.js';
import { decodeCursor, encodeCursor, pageSize } from '../graphql/cursor.js';
import { onDemand } from './on-demand.js';
import { cursorValue, type PageRequest, type SortSpec } from './paginate.js';
import type { RowReader } from './row-reader.js';
import { allOf, raw, sql, type Condition } from './sql.js';

export interface RowPageQuery<T> {
  db: RowReader;
  entity: EntityClass<T>;
  /** The properties to read (e.g. `requestedFields(info, ['edges', 'node'])`); `id` and the sort field are added. */
  fields: readonly string[];
  /** Conditions on alias `t`; the caller's visibility rule among them. */
  where: readonly Condition[];
  sort: SortSpec<T>;
  page: PageRequest;
}

/**
 * Keyset pagination on the read path: one statement for the page whatever its depth (rows, not entities), and one
 * for the total only when a client selects `totalCount`. Cursors are `paginate`'s, so both page the same list.
 */
export async function paginateRows<T extends { id: string }>(query: RowPageQuery<T>): Promise<Connection<T>> {
  const { db, entity, sort, page } = query;
  const limit = pageSize(page.first);
  const sortKey = `${sort.field}:${sort.direction}`;
  const after = page.after ? decodeCursor(page.after, sortKey) : null;
  const column = db.column(entity, sort.field);
  const direction = raw(sort.direction === 'ASC' ? 'asc' : 'desc');
  const op = raw(sort.direction === 'ASC' ? '>' : '<');
  const seek = after ? sql`${column} ${op} ${after.value} or (${column} = ${after.value} and t.id ${op} ${after.id})` : null;
  const where = allOf(query.where);
  const rows = await db.rows<T>(
    sql`select ${db.columns(entity, [...query.fields, sort.field])} from ${db.table(entity)}
        where ${allOf([where, seek])} order by ${column} ${direction}, t.id ${direction} limit ${limit + 1}`,
  );
  const totalCount = onDemand(async () => {
    const counted = await db.first<{ count: number }>(sql`select count(*)::int as count from ${db.table(entity)} where ${where}`);
    return counted?.count ?? 0;
  });
  const nodes = rows.slice(0, limit);
  const edges = nodes.map((node) => ({
    node,
    cursor: encodeCursor({ sort: sortKey, value: cursorValue(node[sort.field]), id: node.id }),
  }));
  const pageInfo: PageInfo = {
    hasNextPage: rows.length > limit,
    hasPreviousPage: after !== null,
    startCursor: edges[0]?.cursor ?? null,
    endCursor: edges.at(-1)?.cursor ?? null,
  };
  return { edges, pageInfo, totalCount };
}
