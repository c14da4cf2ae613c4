import { sql } from './database.js';

export type RecordedEvent = {
  type: string;
  aggregateId: string;
  payload: Record<string, unknown>;
};

/** The events a subgraph has recorded in its outbox (published or not), oldest first; of one aggregate if given. */
export function recordedEvents(subgraph: string, aggregateId?: string): Promise<RecordedEvent[]> {
  return sql<RecordedEvent>(
    `select type, aggregate_id as "aggregateId", payload from "${subgraph}".outbox_event
      where $1::text is null or aggregate_id = $1 order by occurred_at, type`,
    [aggregateId ?? null],
  );
}
