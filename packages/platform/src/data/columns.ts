import type { EntityClass } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

/** What the column helpers read: the ORM's metadata and configuration (any EntityManager of the ORM, no fork needed). */
export type MetadataSource = Pick<EntityManager, 'getMetadata' | 'config'>;
import { raw, type Sql } from './sql.js';
import { tableOf } from './table-name.js';

/** The scalar properties of an entity that map to one column each, by property name. */
function columnMap(em: MetadataSource, entity: EntityClass<unknown>): Map<string, string> {
  const meta = em.getMetadata(entity);
  const cached = columnMaps.get(meta);
  if (cached) return cached;
  const map = new Map<string, string>();
  for (const prop of meta.props) {
    if (prop.persist === false || prop.fieldNames?.length !== 1) continue;
    // A many-to-one is read as its key: `order` → `orderId` (the row holds no related object).
    const name = prop.kind === 'scalar' ? prop.name : prop.kind === 'm:1' ? `${prop.name}Id` : null;
    if (name) map.set(name, prop.fieldNames[0]!);
  }
  columnMaps.set(meta, map);
  return map;
}
const columnMaps = new WeakMap<object, Map<string, string>>();
const selectLists = new WeakMap<Map<string, string>, Map<string, Sql>>();

/**
 * `t."archived_at" as "archivedAt", …` for the given properties (names that are not columns, e.g. fields resolved by
 * a loader, are skipped; `id` is always read). The text is built once per entity, alias and property list.
 */
export function columnsOf(em: MetadataSource, entity: EntityClass<unknown>, properties: readonly string[], alias = 't'): Sql {
  const columns = columnMap(em, entity);
  let lists = selectLists.get(columns);
  if (!lists) selectLists.set(columns, (lists = new Map()));
  const key = `${alias}:${properties.join(',')}`;
  let list = lists.get(key);
  if (!list) {
    const names = new Set(['id', ...properties.filter((p) => columns.has(p))]);
    list = raw([...names].map((name) => `${alias}."${columns.get(name)}" as "${name}"`).join(', '));
    lists.set(key, list);
  }
  return list;
}

/** Every column of the entity (for reads that hand rows to code expecting the whole record). */
export function allColumnsOf(em: MetadataSource, entity: EntityClass<unknown>, alias = 't'): Sql {
  return columnsOf(em, entity, [...columnMap(em, entity).keys()], alias);
}

/** `"schema"."table" t` of an entity, for the FROM clause of a hand-written read. */
export function tableSql(em: MetadataSource, entity: EntityClass<unknown>, alias = 't'): Sql {
  return raw(`${tableOf(em, entity)} ${alias}`);
}

/** `t."created_at"`: one property's column, for conditions and ORDER BY of a hand-written read. */
export function columnSql(em: MetadataSource, entity: EntityClass<unknown>, property: string, alias = 't'): Sql {
  const column = columnMap(em, entity).get(property);
  if (!column) throw new Error(`${em.getMetadata(entity).className} has no column for ${property}`);
  return raw(`${alias}."${column}"`);
}

/** A record as the read path returns it: the requested properties only (always the id), no entity behind it. */
export type Row<E extends { id: string }> = Partial<E> & Pick<E, 'id'>;
