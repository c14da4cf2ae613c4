import type pg from 'pg';

/**
 * Waits until the platform has finished reacting to what was done before (seeding, a check): every outbox published
 * and the consumers' processed-event counts unchanged for a few polls. Statement counts taken after it see only the
 * request counted, not background reactions still being relayed (audit, partner feed).
 */
export async function settle(db: pg.Client, timeoutMs = 60_000): Promise<void> {
  const tables = (
    await db.query<{ schema: string; table: string }>(
      `select table_schema as schema, table_name as table from information_schema.tables where table_name in ('outbox_event', 'processed_event')`,
    )
  ).rows;
  const count = (table: string, where = '') =>
    tables.filter((t) => t.table === table).map((t) => `(select count(*) from "${t.schema}"."${table}"${where})`).join(' + ') || '0';
  const query = `select (${count('outbox_event', ' where published_at is null')})::text as unpublished, (${count('processed_event')})::text as processed`;
  const deadline = Date.now() + timeoutMs;
  let previous = '';
  let stableFor = 0;
  while (Date.now() < deadline) {
    const state = (await db.query<{ unpublished: string; processed: string }>(query)).rows[0]!;
    const snapshot = `${state.unpublished}|${state.processed}`;
    stableFor = state.unpublished === '0' && snapshot === previous ? stableFor + 1 : 0;
    if (stableFor >= 3) return;
    previous = snapshot;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the platform did not settle within ${timeoutMs} ms`);
}
