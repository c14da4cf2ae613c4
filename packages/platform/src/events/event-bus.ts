import type { DomainEvent } from './domain-event.js';
import type { EventContract } from './event-contract.js';

export interface Subscription {
  /** A stable name: its queue, and the key under which handled events are remembered. */
  consumer: string;
  /** The subgraph whose service handles it (set by the platform when the subgraph starts). */
  service?: string;
  /** The events it handles; `handle` tells them apart with `isEvent`. */
  types: readonly EventContract<unknown>[];
  /** Throwing asks for a retry; `delivery` says which try this is (a handler may record its last failure). */
  handle(event: DomainEvent, delivery: Delivery): Promise<void>;
  /** Tries before the event is parked as a failed job (default 5), with exponential backoff from `backoffMs`. */
  attempts?: number;
  backoffMs?: number;
}

export interface Delivery {
  /** 1 for the first try. */
  attempt: number;
  attempts: number;
}

export interface FailedJob {
  consumer: string;
  /** The subgraph whose service ran the job. */
  service: string;
  eventId: string;
  eventType: string;
  attempts: number;
  error: string;
  failedAt: string;
}

/**
 * Moves events from outboxes to consumers. BullMQ on Redis when REDIS_URL is set; an in-process bus with the same
 * delivery rules (retries, backoff, failed jobs) otherwise.
 */
export interface EventBus {
  publish(events: DomainEvent[]): Promise<void>;
  subscribe(subscription: Subscription): Promise<void>;
  failedJobs(): Promise<FailedJob[]>;
  close(): Promise<void>;
}

export function backoffDelay(attempt: number, baseMs: number): number {
  return baseMs * 2 ** (attempt - 1);
}
