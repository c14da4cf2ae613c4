import { migrate, openOrm, type SubgraphMigration } from '../data/orm.js';
import { errorChain } from '../error-chain.js';
import { Migration20261202120000 } from './bus-migrations/Migration20261202120000.js';
import { Migration20261202130000 } from './bus-migrations/Migration20261202130000.js';

/** The PostgreSQL schema of the bus ledger: the kit's own, beside the subgraphs' schemas; no domain reads it. */
export const BUS_SCHEMA = 'erp_bus';

/** Applied in this order, by every subgraph at start (the first one to start applies them). */
export const busMigrations: SubgraphMigration[] = [
  { name: 'Migration20261202120000', class: Migration20261202120000 },
  { name: 'Migration20261202130000', class: Migration20261202130000 },
];

/** Another process creating the same schema or table at the same moment: its work is done once ours fails. */
const RACED = new Set(['23505', '42P06', '42P07']);
const migrating = new Map<string, Promise<void>>();

/** The SQLSTATE of an error or of one it wraps (the migrator wraps the driver's). */
function sqlState(error: unknown): string | undefined {
  for (const { code } of errorChain(error)) if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  return undefined;
}

async function applyBusMigrations(databaseUrl: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    const orm = await openOrm({ databaseUrl, schema: BUS_SCHEMA, entities: [], migrations: busMigrations, poolSize: 1, bounds: { statementTimeoutMs: 0 } });
    try {
      await migrate(orm);
      return;
    } catch (error) {
      if (attempt >= 5 || !RACED.has(sqlState(error) ?? '')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    } finally {
      await orm.close();
    }
  }
}

/**
 * Creates the bus ledger's schema and applies its pending migrations, once per process and database (every subgraph
 * of a process asks); subgraphs starting in several processes at once may race, and the loser tries again.
 */
export function migrateBusSchema(databaseUrl: string): Promise<void> {
  let done = migrating.get(databaseUrl);
  if (!done) {
    done = applyBusMigrations(databaseUrl);
    migrating.set(databaseUrl, done);
    // A failure (the database is down) is not remembered: the next start tries again.
    done.catch(() => migrating.delete(databaseUrl));
  }
  return done;
}
