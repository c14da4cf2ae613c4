import { MikroORM, type EntityManager, type Options } from '@mikro-orm/postgresql';
import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import { Migrator } from '@mikro-orm/migrations';
import type { Constructor, EntityClass } from '@mikro-orm/core';
import type { Migration } from '@mikro-orm/migrations';
import { ownSchema } from './table-name.js';

export type { EntityManager };
export type Orm = MikroORM;

export interface SubgraphMigration {
  name: string;
  class: Constructor<Migration>;
}

export interface OrmOptions {
  /** postgres://… of the database every subgraph shares; each keeps to its own schema. */
  databaseUrl: string;
  /** The PostgreSQL schema this subgraph owns, e.g. "crm". */
  schema: string;
  entities: EntityClass<unknown>[];
  migrations: SubgraphMigration[];
  poolSize?: number;
  /** Schemas the migration generator must never touch (every other subgraph's, and public). */
  foreignSchemas?: string[];
  /** Receives every SQL statement; used by tests and benchmarks to count statements. */
  onQuery?: (sql: string) => void;
}

export function ormConfig(options: OrmOptions): Options {
  return {
    clientUrl: options.databaseUrl,
    schema: options.schema,
    entities: options.entities,
    metadataProvider: ReflectMetadataProvider,
    extensions: [Migrator],
    discovery: { warnWhenNoEntities: false },
    pool: { min: 0, max: options.poolSize ?? 10 },
    allowGlobalContext: false,
    debug: options.onQuery ? ['query'] : false,
    colors: false,
    logger: options.onQuery ? (message: string) => options.onQuery!(message) : () => undefined,
    migrations: {
      tableName: 'mikro_orm_migrations',
      schema: options.schema,
      migrationsList: options.migrations,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
    },
    // DANGER: without this a generated migration drops every other subgraph's schema.
    schemaGenerator: { ignoreSchema: ['public', ...(options.foreignSchemas ?? [])] },
  };
}

export async function openOrm(options: OrmOptions): Promise<Orm> {
  return MikroORM.init(ormConfig(options));
}

/** Creates the subgraph's schema if needed and applies pending migrations; returns the names applied. */
export async function migrate(orm: Orm): Promise<string[]> {
  await orm.em.getConnection().execute(`create schema if not exists "${ownSchema(orm.em)}"`);
  const applied = await orm.migrator.up();
  return applied.map((m) => m.name);
}

export async function pendingMigrations(orm: Orm): Promise<number> {
  return (await orm.migrator.getPending()).length;
}
