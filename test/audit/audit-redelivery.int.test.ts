import { describe, expect, it } from 'vitest';
import { sql } from '../support/database.js';
import { FaultyBus } from '../support/faulty-bus.js';
import { useTestPlatform } from '../support/platform.js';
import { settled } from '../support/settled.js';
import { CreateCustomerDocument } from '../generated/graphql.js';

let bus: FaultyBus;
const t = useTestPlatform({ wrapEvents: (inner) => (bus = new FaultyBus(inner)) });

describe('the audit trail when the bus delivers an event twice', () => {
  it('keeps the entries of one audit.recorded once, in the order the event lists its changes, in one statement per delivery', async () => {
    const customer = (await t.admin.data(CreateCustomerDocument, { input: { name: 'Twice Delivered Ltd', tags: ['a', 'b'] } })).createCustomer;
    await settled();
    const [event] = await sql<{ id: string; type: string; aggregate_id: string; payload: Record<string, unknown>; occurred_at: Date }>(
      `select id, type, aggregate_id, payload, occurred_at from crm.outbox_event where type = 'audit.recorded' and payload->'changes' @> $1::jsonb`,
      [JSON.stringify([{ entityId: customer.id }])],
    );
    const entries = () => sql<{ entity_type: string; entity_id: string; action: string; changes: unknown }>('select entity_type, entity_id, action, changes from identity.audit_entry where event_id = $1 order by occurred_at, id', [event!.id]);
    const before = await entries();
    expect(before).toContainEqual(expect.objectContaining({ entity_type: 'Customer', entity_id: customer.id, action: 'created' }));

    const redelivered = { id: event!.id, type: event!.type, source: 'crm', aggregateId: event!.aggregate_id, payload: event!.payload, occurredAt: event!.occurred_at.toISOString() };
    const { statements } = await t.statementsDuring(() => bus.deliverAgain('identity.audit-records', redelivered));
    expect(await entries()).toEqual(before);
    // Background statements stay out of the query log: a consumer's work never counts as a request's.
    expect(statements).toEqual([]);
  });
});
