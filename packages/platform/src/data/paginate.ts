import type { EntityManager, EntityName, FilterQuery } from '@mikro-orm/core';
import type { Connection, PageInfo } from '../graphql/connection.js';
import type { SortDirection } from '../graphql/sort.js';
import { decodeCursor, encodeCursor, pageSize } from '../graphql/cursor.js';
import { onDemand } from './on-demand.js';

export interface SortSpec<T> {
  /** A non-null, comparable property; `id` breaks ties so the order is total. */
  field: keyof T & string;
  direction: SortDirection | 'ASC' | 'DESC';
}

export interface PageRequest {
  first?: number | null;
  after?: string | null;
}

export function cursorValue(value: unknown): string | number | null {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number' || typeof value === 'string') return value;
  return value === null || value === undefined ? null : String(value);
}

/** Keyset pagination: one statement for the page whatever its depth, and one for the total when it is selected. */
export async function paginate<T extends { id: string }>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  sort: SortSpec<T>,
  page: PageRequest,
): Promise<Connection<T>> {
  const limit = pageSize(page.first);
  const sortKey = `${sort.field}:${sort.direction}`;
  const after = page.after ? decodeCursor(page.after, sortKey) : null;
  const op = sort.direction === 'ASC' ? '$gt' : '$lt';
  const seek = after
    ? { $or: [{ [sort.field]: { [op]: after.value } }, { [sort.field]: after.value, id: { [op]: after.id } }] }
    : null;
  const pageWhere = (seek ? { $and: [where, seek] } : where) as FilterQuery<T>;
  const order = { [sort.field]: sort.direction, id: sort.direction } as never;

  const rows = await em.find(entity, pageWhere, { orderBy: order, limit: limit + 1 });
  const totalCount = onDemand(() => em.count(entity, where));
  const hasNextPage = rows.length > limit;
  const nodes = rows.slice(0, limit);
  const edges = nodes.map((node) => ({
    node,
    cursor: encodeCursor({ sort: sortKey, value: cursorValue(node[sort.field]), id: node.id }),
  }));
  const pageInfo: PageInfo = {
    hasNextPage,
    hasPreviousPage: after !== null,
    startCursor: edges[0]?.cursor ?? null,
    endCursor: edges.at(-1)?.cursor ?? null,
  };
  return { edges, pageInfo, totalCount };
}
