import type { EntityManager } from '@mikro-orm/postgresql';
import type { EventContract } from './event-contract.js';
import { OutboxEvent } from './outbox-event.entity.js';

/** An event as consumers receive it; its payload is known once `isEvent` has matched it to its contract. */
export interface DomainEvent<P = unknown> {
  id: string;
  type: string;
  /** The subgraph that emitted it. */
  source: string;
  aggregateId: string;
  payload: P;
  occurredAt: string;
  /**
   * Its place among published events (a bigint as text), set once the relay has published it: live events carry it so
   * that subscriptions can resume after the last one they saw.
   */
  sequence?: string;
}

/**
 * Records an event in the outbox of the entity manager's transaction: it is published if and only if the change
 * commits. Call it with the transaction's `em`, before its flush. The contract decides the payload's shape.
 */
export function recordEvent<P extends object>(em: EntityManager, contract: EventContract<P>, aggregateId: string, payload: NoInfer<P>): OutboxEvent {
  return em.create(OutboxEvent, { type: contract.type, aggregateId, payload });
}
