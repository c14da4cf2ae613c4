import type { EntityManager } from '@mikro-orm/postgresql';
import type { RowReader } from '../data/row-reader.js';
import { raw, sql, type Sql } from '../data/sql.js';
import { tableOf } from '../data/table-name.js';
import type { DomainEvent } from './domain-event.js';
import { ProcessedEvent } from './outbox-event.entity.js';

/**
 * Runs `handle` for an event at most once per consumer: the (consumer, event id) row is claimed in the handler's own
 * transaction, so a redelivered event is skipped, and a handler that fails leaves no claim behind for the retry.
 * Give it a `jobEntityManager`.
 */
export async function consumeOnce(em: EntityManager, consumer: string, event: DomainEvent, handle: (tx: EntityManager) => Promise<void>): Promise<boolean> {
  return em.transactional(async (tx) => {
    const claimed: unknown[] = await tx.getConnection().execute(
      `insert into ${tableOf(tx, ProcessedEvent)} (consumer, event_id, processed_at) values (?, ?, now()) on conflict do nothing returning event_id`,
      [consumer, event.id],
      'all',
      tx.getTransactionContext(),
      { enabled: false },
    );
    if (claimed.length === 0) return false;
    await handle(tx);
    return true;
  }, { loggerContext: { enabled: false } });
}

/**
 * `consumeOnce` for a reaction that is one statement (storing what the event says): the claim of (consumer, event) is
 * a CTE named `claimed` — one row (`event_id`) when the event is new, none when it was processed before — and `effects`
 * are the statement's own data-modifying CTEs selecting from it (`entries as (insert into … select … from claimed)`),
 * so claim and effect commit together in one round trip, no transaction stays open between statements and a
 * redelivery changes nothing. Answers whether the event was new.
 */
export async function consumeOnceInOneStatement(db: RowReader, consumer: string, event: DomainEvent, effects: Sql): Promise<boolean> {
  const claim = sql`insert into ${raw(tableOf(db.metadata, ProcessedEvent))} (consumer, event_id, processed_at)
    values (${consumer}, ${event.id}::uuid, now()) on conflict do nothing returning event_id`;
  const [row] = await db.rows<{ claimed: number }>(sql`with claimed as (${claim}), ${effects} select count(*)::int as claimed from claimed`, { quiet: true });
  return (row?.claimed ?? 0) > 0;
}
