import { sql } from './database.js';

/**
 * Waits until the platform has finished reacting to what a test did: every outbox published and the consumers'
 * processed-event counts unchanged for a few polls. Tests that count SQL statements call it first, so that background
 * reactions do not land in their count. It finds every subgraph's outbox and claims table itself.
 */
export async function settled(timeoutMs = 20_000): Promise<void> {
  const tables = await sql<{ schema: string; table: string }>(
    `select table_schema as schema, table_name as table from information_schema.tables
      where table_name in ('outbox_event', 'processed_event') order by table_schema, table_name`,
  );
  const count = (table: string, where = '') =>
    tables.filter((t) => t.table === table).map((t) => `(select count(*) from "${t.schema}"."${table}"${where})`).join(' + ') || '0';
  const query = `select (${count('outbox_event', ' where published_at is null')})::text as unpublished,
                        (${count('processed_event')})::text as processed`;
  const deadline = Date.now() + timeoutMs;
  let previous = '';
  let stableFor = 0;
  while (Date.now() < deadline) {
    const [state] = await sql<{ unpublished: string; processed: string }>(query);
    const snapshot = `${state!.unpublished}|${state!.processed}`;
    stableFor = state!.unpublished === '0' && snapshot === previous ? stableFor + 1 : 0;
    if (stableFor >= 3) return;
    previous = snapshot;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`the platform did not settle within ${timeoutMs} ms`);
}
