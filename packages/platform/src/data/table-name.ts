import type { EntityClass } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

/** The PostgreSQL schema this EntityManager's subgraph owns (the ORM's `schema` option). */
export function ownSchema(em: Pick<EntityManager, 'config'>): string {
  const schema = em.config.get('schema');
  if (!schema) throw new Error('The ORM has no schema: open it with openOrm({ schema }).');
  return schema;
}

/**
 * `"schema"."table"` of an entity, for the few statements the kit writes by hand (claims, sequences, the outbox):
 * the subgraph's own schema and the table its metadata declares, so no caller repeats either.
 */
export function tableOf(em: Pick<EntityManager, 'config' | 'getMetadata'>, entity: EntityClass<unknown>): string {
  const meta = em.getMetadata(entity);
  return `"${meta.schema && meta.schema !== '*' ? meta.schema : ownSchema(em)}"."${meta.tableName}"`;
}
