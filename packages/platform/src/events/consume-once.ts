import type { EntityManager } from '@mikro-orm/postgresql';
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
