import { waitUntilSettled } from '@erp/platform';
import type pg from 'pg';

/** The kit's `waitUntilSettled` on the benchmark's database: statement counts then see only the request counted. */
export function settle(db: pg.Client): Promise<void> {
  return waitUntilSettled(async (text) => (await db.query(text)).rows as Record<string, unknown>[], { timeoutMs: 180_000, pollMs: 200 });
}
