import type { EntityClass } from '@mikro-orm/core';
import { jsonObjectOf } from './columns.js';
import type { RowReader } from './row-reader.js';
import { raw, sql, type Sql } from './sql.js';

export interface NestedRows {
  /** The child entity, e.g. OrderLine, read on alias `n`. */
  entity: EntityClass<unknown>;
  /** Its property holding the parent's id, e.g. `orderId`. */
  key: string;
  /** The child properties the client asked for (`id` is added). */
  fields: readonly string[];
  /** Order within a parent, on alias `n`. */
  orderBy: Sql;
  /** A table of the subgraph's own joined to each child (`left join … p on p.id = n.product_id`) and what the child takes from it (`'productName', p.name`). */
  join?: { table: Sql; pairs: Sql };
}

/**
 * The children of each row of a parent statement — an order's lines beside the order — as one JSON array column of
 * that statement (`parentId`: the parent's id on its alias, e.g. `t.id`), so a page of parents with their children is
 * one statement instead of two. The array holds plain rows, as a loader's statement would, in `orderBy` order.
 * Null when a requested property is of a type JSON does not carry exactly (money in bigint minor units, timestamps):
 * read those children with a loader instead.
 */
export function nestedRowsSql(db: RowReader, parentId: Sql, nested: NestedRows): Sql | null {
  const object = jsonObjectOf(db.metadata, nested.entity, nested.fields, 'n');
  if (!object) return null;
  const row = nested.join ? sql`(${object}::jsonb || jsonb_build_object(${nested.join.pairs}))` : object;
  return sql`coalesce((select json_agg(${row} order by ${nested.orderBy}) from ${db.table(nested.entity, 'n')} ${nested.join?.table ?? raw('')}
    where ${db.column(nested.entity, nested.key, 'n')} = ${parentId}), '[]'::json)`;
}
