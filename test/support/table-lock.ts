import pg from 'pg';
import { testDatabaseUrl } from './database.js';

export interface TableLock {
  /** How many statements are waiting for the lock right now. */
  waiting(): Promise<number>;
  /** Ends the transaction: the waiting statements run. */
  release(): Promise<void>;
}

/**
 * Holds ACCESS EXCLUSIVE on a table in an open transaction of the test's own, so every request that reads or writes
 * it waits: "in flight" for as long as the test wants, with no test-only path in the code under test.
 */
export async function lockTable(table: string): Promise<TableLock> {
  const holder = new pg.Client({ connectionString: testDatabaseUrl() });
  await holder.connect();
  await holder.query('begin');
  await holder.query(`lock table ${table} in access exclusive mode`);
  const observer = new pg.Client({ connectionString: testDatabaseUrl() });
  await observer.connect();
  let released = false;
  return {
    waiting: async () => {
      const { rows } = await observer.query<{ count: string }>('select count(*) as count from pg_locks where relation = $1::regclass and not granted', [table]);
      return Number(rows[0]!.count);
    },
    release: async () => {
      if (released) return;
      released = true;
      await holder.query('rollback');
      await holder.end();
      await observer.end();
    },
  };
}
