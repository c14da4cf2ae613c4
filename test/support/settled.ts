import { sql } from './database.js';

/**
 * Waits until the platform has finished reacting to what a test did: every outbox published and the consumers'
 * processed-event counts unchanged for a few polls. Tests that count SQL statements call it first, so that background
 * reactions do not land in their count.
 */
export async function settled(timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let previous = '';
  let stableFor = 0;
  while (Date.now() < deadline) {
    const [state] = await sql<{ unpublished: string; processed: string }>(`
      select (select count(*) from sales.outbox_event where published_at is null)
           + (select count(*) from billing.outbox_event where published_at is null)
           + (select count(*) from notifications.outbox_event where published_at is null) as unpublished,
             (select count(*) from billing.processed_event) || '/' || (select count(*) from notifications.processed_event) as processed`);
    const snapshot = `${state!.unpublished}|${state!.processed}`;
    stableFor = state!.unpublished === '0' && snapshot === previous ? stableFor + 1 : 0;
    if (stableFor >= 3) return;
    previous = snapshot;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`the platform did not settle within ${timeoutMs} ms`);
}
