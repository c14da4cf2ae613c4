import type { Orm } from '../data/orm.js';
import { ownSchema, tableOf } from '../data/table-name.js';
import { eventOf } from '../events/delivery-ledger.js';
import type { DomainEvent } from '../events/domain-event.js';
import { OUTBOX_RETENTION_DAYS } from '../events/outbox-purge.js';
import { OutboxEvent } from '../events/outbox-event.entity.js';

/**
 * Where a subscription that broke (the router lost its socket to this subgraph) picks up again: after the last event
 * it saw (`after`, a sequence), or, when it had seen none, from the time it was first made (`since`, an ISO instant).
 */
export type ResumePoint = { after: string } | { since: string };

/** Past this many missed events a subscriber is better off reloading than receiving them one by one. */
export const MAX_REPLAYED_EVENTS = 1_000;

/** The gap cannot be replayed (too long, or its events are no longer kept): the subscriber must reload what it shows. */
export const RESYNC = Symbol('resync');
export type Resync = typeof RESYNC;

/** A resume point as a subscription's extensions carry it, or null when absent or malformed. */
export function readResumePoint(value: unknown): ResumePoint | null {
  if (!value || typeof value !== 'object') return null;
  const { after, since } = value as { after?: unknown; since?: unknown };
  if (typeof after === 'string' && /^\d{1,19}$/.test(after)) return { after };
  if (typeof since === 'string' && !Number.isNaN(Date.parse(since))) return { since: new Date(since).toISOString() };
  return null;
}

const QUIET = { enabled: false };
type OutboxRow = Parameters<typeof eventOf>[0] & { sequence: string };

/**
 * The events of these types that this subgraph published after the resume point, in sequence order, from its own
 * outbox (which keeps published events for OUTBOX_RETENTION_DAYS); RESYNC when they cannot all be given.
 */
export async function eventsToReplay(orm: Orm, types: string[], resume: ResumePoint): Promise<DomainEvent[] | Resync> {
  const connection = orm.em.getConnection();
  const table = tableOf(orm.em, OutboxEvent);
  // Ordered by the bigint column (o.sequence), never by the text it is given back as.
  const select = `select o.id, o.type, o.aggregate_id, o.payload, o.occurred_at, o.sequence::text as sequence from ${table} o`;
  let rows: OutboxRow[];
  if ('after' in resume) {
    // The last event seen must still be kept: then so is everything published after it.
    const anchor: unknown[] = await connection.execute(`select 1 from ${table} where sequence = ?`, [resume.after], 'all', undefined, QUIET);
    if (anchor.length === 0) return RESYNC;
    rows = await connection.execute(
      `${select} where o.sequence > ? and o.type = any(?::text[]) order by o.sequence limit ${MAX_REPLAYED_EVENTS + 1}`,
      [resume.after, `{${types.join(',')}}`],
      'all',
      undefined,
      QUIET,
    );
  } else {
    if (Date.parse(resume.since) < Date.now() - OUTBOX_RETENTION_DAYS * 86_400_000) return RESYNC;
    rows = await connection.execute(
      `${select} where o.published_at >= ?::timestamptz and o.sequence is not null and o.type = any(?::text[]) order by o.sequence limit ${MAX_REPLAYED_EVENTS + 1}`,
      [resume.since, `{${types.join(',')}}`],
      'all',
      undefined,
      QUIET,
    );
  }
  if (rows.length > MAX_REPLAYED_EVENTS) return RESYNC;
  const source = ownSchema(orm.em);
  return rows.map((row) => ({ ...eventOf(row, source), sequence: row.sequence }));
}
