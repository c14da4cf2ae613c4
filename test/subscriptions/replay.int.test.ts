import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { eventsToReplay, RESYNC } from '@erp/platform';
import { sql } from '../support/database.js';
import { useTestPlatform } from '../support/platform.js';

const t = useTestPlatform();

/** Published events of sales' outbox with the given sequences (written as the relay leaves them). */
async function published(type: string, sequences: number[]): Promise<string[]> {
  const ids = sequences.map(() => randomUUID());
  for (const [index, sequence] of sequences.entries()) {
    await sql(
      `insert into sales.outbox_event (id, type, aggregate_id, payload, occurred_at, published_at, sequence)
       values ($1, $2, $3, '{}', now(), now(), $4)`,
      [ids[index], type, randomUUID(), sequence],
    );
  }
  return ids;
}

describe('the events a resumed subscription missed', () => {
  it('come in sequence order, compared as numbers (9 before 10), only of the types asked for, after the last one seen', async () => {
    const type = `test.replayed_${randomUUID().slice(0, 8)}`;
    const [seen, nine, ten, hundred] = await published(type, [8_000_008, 8_000_009, 8_000_010, 8_000_100]);
    await published(`${type}_other`, [8_000_011]);
    const missed = await eventsToReplay(t.platform.subgraphs.sales!.orm, [type], { after: '8000008' });
    expect(missed).not.toBe(RESYNC);
    expect((missed as { id: string; sequence?: string }[]).map((event) => [event.id, event.sequence])).toEqual([
      [nine, '8000009'],
      [ten, '8000010'],
      [hundred, '8000100'],
    ]);
    expect(seen).toBeDefined();
  });

  it('cannot be given when the last event seen is no longer kept: the subscriber must resync', async () => {
    expect(await eventsToReplay(t.platform.subgraphs.sales!.orm, ['order.status_changed'], { after: '999999999999' })).toBe(RESYNC);
  });

  it('from a time, cover what was published since then', async () => {
    const type = `test.since_${randomUUID().slice(0, 8)}`;
    const since = new Date(Date.now() - 1_000).toISOString();
    const ids = await published(type, [8_100_009, 8_100_010]);
    const missed = await eventsToReplay(t.platform.subgraphs.sales!.orm, [type], { since });
    expect((missed as { id: string }[]).map((event) => event.id)).toEqual(ids);
    expect(await eventsToReplay(t.platform.subgraphs.sales!.orm, [type], { since: '2000-01-01T00:00:00Z' })).toBe(RESYNC);
  });
});
