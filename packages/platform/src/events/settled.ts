/** Reads rows with a plain SQL text: a test's or a tool's own connection to the platform's database. */
export type SettleQuery = (text: string) => Promise<Record<string, unknown>[]>;

/**
 * Waits until the platform has finished reacting to what was done before: every subgraph's outbox published and the
 * consumers' processed-event counts unchanged for three polls. Tests and benchmarks call it before counting SQL
 * statements, so that background reactions (audit, partner feed, projections) do not land in their count. It finds
 * every schema's `outbox_event` and `processed_event` (the kit's tables) itself.
 */
export async function waitUntilSettled(query: SettleQuery, options: { timeoutMs?: number; pollMs?: number } = {}): Promise<void> {
  const { timeoutMs = 20_000, pollMs = 150 } = options;
  const tables = (await query(
    `select table_schema as schema, table_name as table from information_schema.tables
      where table_name in ('outbox_event', 'processed_event') order by table_schema, table_name`,
  )) as { schema: string; table: string }[];
  const count = (table: string, where = '') =>
    tables.filter((t) => t.table === table).map((t) => `(select count(*) from "${t.schema}"."${table}"${where})`).join(' + ') || '0';
  const state = `select (${count('outbox_event', ' where published_at is null')})::text as unpublished, (${count('processed_event')})::text as processed`;
  const deadline = Date.now() + timeoutMs;
  let previous = '';
  let stableFor = 0;
  while (Date.now() < deadline) {
    const [now] = (await query(state)) as { unpublished: string; processed: string }[];
    const snapshot = `${now!.unpublished}|${now!.processed}`;
    stableFor = now!.unpublished === '0' && snapshot === previous ? stableFor + 1 : 0;
    if (stableFor >= 3) return;
    previous = snapshot;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  throw new Error(`the platform did not settle within ${timeoutMs} ms`);
}
