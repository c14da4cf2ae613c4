import type { Orm } from '../data/orm.js';
import { ownSchema, tableOf } from '../data/table-name.js';
import { noDeliveryOwed, purgeAcknowledged } from './delivery-ledger.js';
import { OutboxEvent } from './outbox-event.entity.js';

/** How long published events stay in the outbox: long enough to inspect what went out, short enough to stay small. */
export const OUTBOX_RETENTION_DAYS = 7;
const BATCH = 5_000;

/**
 * Deletes events published more than `retentionDays` ago, in batches so that no long lock is held; unpublished events
 * are never touched, however old, nor events some consumer has not acknowledged yet (the relay may have to send them
 * again). Acknowledgements of this outbox as old go with them. Returns how many events were deleted.
 */
export async function purgePublishedEvents(orm: Orm, retentionDays = OUTBOX_RETENTION_DAYS): Promise<number> {
  const connection = orm.em.getConnection();
  const table = tableOf(orm.em, OutboxEvent);
  let deleted = 0;
  for (;;) {
    const rows: unknown[] = await connection.execute(
      `delete from ${table} where id in (
         select id from ${table} o where published_at < now() - make_interval(days => ?) and ${noDeliveryOwed('o')} limit ${BATCH}
       ) returning id`,
      [retentionDays],
      'all',
      undefined,
      { enabled: false },
    );
    deleted += rows.length;
    if (rows.length < BATCH) break;
  }
  await purgeAcknowledged(orm, ownSchema(orm.em), retentionDays, BATCH);
  return deleted;
}
