import type { EntityClass } from '@mikro-orm/core';
import type { RequestContext } from '../context.js';
import { NotFoundError } from '../errors.js';
import { isUuid } from '../validation.js';
import { alignByKey, groupByKey, type Loader } from './loaders.js';
import { allOf, raw, sql, type Condition, type Sql } from './sql.js';

type LoaderContext = Pick<RequestContext, 'db' | 'loaders'>;

interface KeyedRead {
  /** Conditions on alias `t` besides the key (the caller's visibility rule, a status). */
  where?: readonly Condition[];
  /**
   * A table of the subgraph's own joined to each row in the same statement, and what the rows take from it: sales'
   * copy of product names beside its order lines (`left join … p on p.id = t.product_id`, `p.name as "productName"`).
   * `name` tells the batch apart from the same rows read without it.
   */
  join?: { name: string; table: Sql; columns: Sql };
}

async function rowsWithKeys<R>(ctx: LoaderContext, entity: EntityClass<unknown>, key: string, keys: readonly string[], fields: readonly string[], read: KeyedRead, orderBy: Sql): Promise<R[]> {
  const valid = keys.filter(isUuid);
  if (valid.length === 0) return [];
  const columns = ctx.db.columns(entity, [...fields, key]);
  return ctx.db.rows<R>(
    sql`select ${read.join ? sql`${columns}, ${read.join.columns}` : columns} from ${ctx.db.table(entity)} ${read.join?.table ?? raw('')}
        where ${allOf([sql`${ctx.db.column(entity, key)} = any(${valid}::uuid[])`, ...(read.where ?? [])])} ${orderBy}`,
  );
}

/**
 * At most one row per key — an entity by id, an order's invoice by `orderId` — in one statement per batch, with the
 * requested fields (the loader is named with them); null for a key that matches nothing visible.
 */
export function rowPerKey<R extends { id: string }>(
  ctx: LoaderContext,
  entity: EntityClass<unknown>,
  key: keyof R & string,
  fields: readonly string[],
  read: KeyedRead = {},
): Loader<string, R | null> {
  return ctx.loaders.get(`${entity.name}.${key}:one:${fields.join(',')}${read.join ? `+${read.join.name}` : ''}`, async (keys) =>
    alignByKey(keys, await rowsWithKeys<R>(ctx, entity, key, keys, fields, read, raw('')), (row) => row[key] as unknown as string),
  );
}

/** The rows of many parents (an order's lines by `orderId`) in one statement per batch, in `orderBy` order within each parent. */
export function rowsPerKey<R>(
  ctx: LoaderContext,
  entity: EntityClass<unknown>,
  key: keyof R & string,
  fields: readonly string[],
  read: KeyedRead & { orderBy: Sql },
): Loader<string, R[]> {
  return ctx.loaders.get(`${entity.name}.${key}:many:${fields.join(',')}${read.join ? `+${read.join.name}` : ''}`, async (keys) =>
    groupByKey(keys, await rowsWithKeys<R>(ctx, entity, key, keys, fields, read, sql`order by ${read.orderBy}`), (row) => row[key] as unknown as string),
  );
}

/** One record for a query, by id, under the given conditions (the caller's visibility rule); NOT_FOUND otherwise. */
export async function rowById<R extends { id: string }>(ctx: LoaderContext, entity: EntityClass<unknown>, id: string, fields: readonly string[], read: KeyedRead = {}): Promise<R> {
  const row = await rowPerKey<R>(ctx, entity, 'id', fields, read).load(id);
  if (!row) throw new NotFoundError(entity.name, id);
  return row;
}
