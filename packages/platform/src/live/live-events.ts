import type { DomainEvent } from '../events/domain-event.js';
import type { PushStream } from './push-stream.js';

/**
 * Committed domain events as they happen, for subscriptions: the relays publish every event they move out of an
 * outbox, and any process may listen. Fire and forget (a listener that is not connected misses events); the durable
 * path for reactions is the event bus. Redis pub/sub across processes, or in-process for the embedded start.
 */
export interface LiveEvents {
  publish(events: DomainEvent[]): Promise<void>;
  /** Events of these types from now on, until the stream's `return()` is called. */
  listen(types: string[]): EventStream;
  close(): Promise<void>;
}

export type EventStream = PushStream<DomainEvent>;
