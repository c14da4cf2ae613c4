import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sql } from '../support/database.js';
import { eventually } from '../support/eventually.js';
import { useTestPlatform } from '../support/platform.js';

useTestPlatform();

describe('the outbox relay when nothing wakes it', () => {
  it('publishes an event another writer committed straight into the outbox, found by its idle look', async () => {
    // Another process's commit (a migration, another instance) does not wake this process's relay: only its poll sees it.
    const id = randomUUID();
    await sql(`insert into crm.outbox_event (id, type, aggregate_id, payload, occurred_at) values ($1, 'test.unheard', $2, '{}'::jsonb, now())`, [id, randomUUID()]);
    const read = async () => (await sql<{ published: boolean; sequence: string | null }>('select published_at is not null as published, sequence::text from crm.outbox_event where id = $1', [id]))[0];
    const row = await eventually(read, (found) => found?.published === true, 5_000);
    expect(row).toEqual({ published: true, sequence: expect.stringMatching(/^\d+$/) });
  });
});
