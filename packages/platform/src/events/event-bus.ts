import type { DomainEvent } from './domain-event.js';
import type { EventContract } from './event-contract.js';

export interface Subscription {
  /** A stable name: its queue, its rows in the bus ledger, and the key under which handled events are remembered. */
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
  /**
   * A schedule of its own instead of doubling `backoffMs`: how long to wait after the `attempt`-th try failed (1 for
   * the first). Known only where the consumer runs, so the worker applies it, not the producer that queued the job.
   */
  retryDelay?(attempt: number): number;
  /**
   * How many of its events run at once (default `DEFAULT_CONCURRENCY`). 1 handles them one at a time in the order the
   * bus received them, so each source's events keep the order they happened in (a failed try that waits for its retry
   * lets the next ones pass).
   */
  concurrency?: number;
}

export const DEFAULT_CONCURRENCY = 4;

export interface Delivery {
  /** 1 for the first try. */
  attempt: number;
  attempts: number;
}

/** One event for one consumer, with that consumer's retry settings (the relay reads them from the bus ledger). */
export interface EventJob {
  consumer: string;
  event: DomainEvent;
  attempts: number;
  backoffMs: number;
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

export const DEFAULT_ATTEMPTS = 5;
export const DEFAULT_BACKOFF_MS = 500;

/**
 * Carries events from outboxes to consumers: BullMQ on Redis when REDIS_URL is set, an in-process bus with the same
 * delivery rules (retries, backoff, failed jobs) otherwise. It is transport only: who consumes which type, and which
 * deliveries are still owed, live in the bus ledger in PostgreSQL (`delivery-ledger.ts`), so a transport that forgets
 * (a Redis restarted empty) loses nothing the relay cannot send again.
 */
export interface EventBus {
  /**
   * Queues each job for its consumer. A job whose event the consumer's queue still knows (same event id) is not queued
   * twice. Throws when the transport is unreachable: the relay keeps the events and tries again.
   */
  enqueue(jobs: EventJob[]): Promise<void>;
  subscribe(subscription: Subscription): Promise<void>;
  /** Whether jobs can be queued right now (a subgraph's /ready reports it). */
  reachable(): Promise<boolean>;
  failedJobs(): Promise<FailedJob[]>;
  close(): Promise<void>;
}

export function backoffDelay(attempt: number, baseMs: number): number {
  return baseMs * 2 ** (attempt - 1);
}

/** The wait after the `attempt`-th failed try of a subscription's job: its own schedule, or exponential from `baseMs`. */
export function retryDelayOf(subscription: Pick<Subscription, 'retryDelay' | 'backoffMs'>, attempt: number, baseMs = subscription.backoffMs ?? DEFAULT_BACKOFF_MS): number {
  return subscription.retryDelay ? subscription.retryDelay(attempt) : backoffDelay(attempt, baseMs);
}
