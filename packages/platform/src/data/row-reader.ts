import type { EntityManager } from '@mikro-orm/postgresql';
import pg from 'pg';
import type { EntityClass } from '@mikro-orm/core';
import { columnSql, columnsOf, tableSql, type MetadataSource } from './columns.js';
import { compileSql, type Sql } from './sql.js';

/** Every distinct statement text gets a name (PostgreSQL parses and plans it once per connection) up to this many. */
const MAX_NAMED_STATEMENTS = 2_000;

/**
 * Values as the entities hold them: `bigint` columns as BigInt (pg gives strings), timestamps as Date (MikroORM's pool
 * keeps them as strings), `date` columns as their ISO text (pg would make a Date at local midnight, which a String
 * field prints as epoch milliseconds), everything else with pg's own parsers (json parsed, arrays split, numeric as
 * string).
 */
const ROW_TYPES = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === pg.types.builtins.INT8) return (value: string) => BigInt(value);
    if (oid === pg.types.builtins.DATE) return (value: string) => value;
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

export interface RowReaderOptions {
  /**
   * Prepared statements by name: PostgreSQL skips parsing and planning of statements a connection has run before. Off
   * where connections share one backend session (the embedded PGlite), whose prepared statements would collide.
   */
  namedStatements?: boolean;
}

/**
 * The read path: hand-written SQL run on the subgraph's pool, rows returned as plain objects (columns aliased to
 * property names), no entity hydration, identity map or change tracking. Statements are reported to the ORM's query
 * log like its own, so statement counts see them.
 *
 * A hot write that is one statement (its own transaction: the pool runs nothing else between BEGIN and COMMIT here)
 * may run here too, as sales places orders (`order-write.repository.ts`): it is then a named prepared statement like
 * the reads, which the ORM's `execute` does not make, and needs no EntityManager fork.
 */
export class RowReader {
  private readonly names = new Map<string, string>();
  private pool: pg.Pool | null = null;

  constructor(
    private readonly em: EntityManager,
    private readonly options: RowReaderOptions = {},
  ) {}

  /** `quiet`: background work (a consumer's statement) stays out of the query log, which counts requests' statements. */
  async rows<T>(query: Sql, options: { quiet?: boolean } = {}): Promise<T[]> {
    const { text, values } = compileSql(query);
    const pool = this.pool ?? (this.pool = (await this.em.getConnection().getNativeClient()) as pg.Pool);
    const started = performance.now();
    const result = await pool.query<T & pg.QueryResultRow>({ name: this.nameOf(text), text, values, types: ROW_TYPES });
    const logger = this.em.config.getLogger();
    if (!options.quiet && logger.isEnabled('query')) logger.logQuery({ query: text, params: values, took: performance.now() - started, level: 'info' });
    return result.rows;
  }

  async first<T>(query: Sql): Promise<T | null> {
    return (await this.rows<T>(query))[0] ?? null;
  }

  /** `t."archived_at" as "archivedAt", …`: the columns of the given properties (and `id`), aliased to their names. */
  columns(entity: EntityClass<unknown>, properties: readonly string[], alias = 't'): Sql {
    return columnsOf(this.em, entity, properties, alias);
  }

  /** `t."created_at"`: one property's column, for conditions and ORDER BY. */
  column(entity: EntityClass<unknown>, property: string, alias = 't'): Sql {
    return columnSql(this.em, entity, property, alias);
  }

  /**
   * The ORM's metadata and configuration, no fork: for the kit's SQL helpers of hand-written statements
   * (`tableOf(ctx.db.metadata, Order)`, `nextInSeriesSql`, `idempotencyClaim`).
   */
  get metadata(): MetadataSource {
    return this.em;
  }

  /** `"schema"."table" t`, for FROM. */
  table(entity: EntityClass<unknown>, alias = 't'): Sql {
    return tableSql(this.em, entity, alias);
  }

  private nameOf(text: string): string | undefined {
    if (this.options.namedStatements === false) return undefined;
    let name = this.names.get(text);
    if (!name && this.names.size < MAX_NAMED_STATEMENTS) this.names.set(text, (name = `erp_read_${this.names.size}`));
    return name;
  }
}
