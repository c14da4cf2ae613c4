import { MikroORM, type EntityManager, type Options } from '@mikro-orm/postgresql';
import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import { Migrator } from '@mikro-orm/migrations';
import type { Constructor, EntityClass } from '@mikro-orm/core';
import type { Migration } from '@mikro-orm/migrations';
import { ownSchema } from './table-name.js';
import { wholeNumberSetting } from '../whole-number-setting.js';

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
  /** How long statements and waits for a pooled connection may take (`DatabaseBounds`). */
  bounds?: DatabaseBounds;
}

/**
 * A request must never wait on the database longer than its caller waits for it: a statement past
 * `statementTimeoutMs` is cancelled by PostgreSQL (its transaction rolls back), and a request that finds no free pooled
 * connection within `acquireTimeoutMs` gives up. Both then answer SUBGRAPH_UNAVAILABLE (retryable). 0 turns a bound off.
 */
export interface DatabaseBounds {
  /** Default 8 s: below the router's 10 s deadline, so the subgraph still answers in time with a clear error. */
  statementTimeoutMs?: number;
  /** Default 5 s. */
  acquireTimeoutMs?: number;
}

export const DEFAULT_STATEMENT_TIMEOUT_MS = 8_000;
export const DEFAULT_ACQUIRE_TIMEOUT_MS = 5_000;

/** DATABASE_STATEMENT_TIMEOUT_MS and DATABASE_ACQUIRE_TIMEOUT_MS. */
export function databaseBoundsFromEnvironment(env: NodeJS.ProcessEnv = process.env): DatabaseBounds {
  return {
    statementTimeoutMs: wholeNumberSetting(env, 'DATABASE_STATEMENT_TIMEOUT_MS'),
    acquireTimeoutMs: wholeNumberSetting(env, 'DATABASE_ACQUIRE_TIMEOUT_MS'),
  };
}

/** The `pg` pool's options for the bounds (passed through MikroORM's `driverOptions`). */
function poolBounds(bounds: DatabaseBounds = {}): Record<string, number> {
  const statement = bounds.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
  const acquire = bounds.acquireTimeoutMs ?? DEFAULT_ACQUIRE_TIMEOUT_MS;
  return { ...(statement > 0 ? { statement_timeout: statement } : {}), ...(acquire > 0 ? { connectionTimeoutMillis: acquire } : {}) };
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
    driverOptions: poolBounds(options.bounds),
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

/**
 * Applies pending migrations on an ORM of their own, whose statements have no timeout (rewriting a large table may
 * take longer than any request should), and closes it; returns the names applied.
 */
export async function migrateUnbounded(options: OrmOptions): Promise<string[]> {
  // No entities: applying migrations needs only their SQL, and discovering entities is the costly part of an ORM's start.
  const orm = await openOrm({ ...options, entities: [], poolSize: 1, onQuery: undefined, bounds: { ...options.bounds, statementTimeoutMs: 0 } });
  try {
    return await migrate(orm);
  } finally {
    await orm.close();
  }
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
