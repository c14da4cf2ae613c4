import type { EntityManager } from '@mikro-orm/postgresql';
import { OutboxEvent } from './outbox-event.entity.js';

/** An event as consumers receive it. */
export interface DomainEvent<P = Record<string, unknown>> {
  id: string;
  type: string;
  /** The subgraph that emitted it. */
  source: string;
  aggregateId: string;
  payload: P;
  occurredAt: string;
}

/**
 * Records an event in the outbox of the entity manager's transaction: it is published if and only if the change
 * commits. Call it with the transaction's `em`, before its flush.
 */
export function recordEvent(em: EntityManager, type: string, aggregateId: string, payload: Record<string, unknown>): OutboxEvent {
  return em.create(OutboxEvent, { type, aggregateId, payload });
}
