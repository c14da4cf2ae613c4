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
  /**
   * Whether events published now reach this process's listeners: false while the connection that carries them is
   * down, or back but not yet subscribed again. Events published meanwhile are missed, not replayed.
   */
  receiving(): boolean;
  /**
   * Calls `listener(false)` when events start being missed and `listener(true)` once they reach this process again,
   * so that whatever a process keeps up to date from events (a cache) can distrust what it holds across the gap.
   * Returns the function that stops the calls.
   */
  onReceivingChange(listener: (receiving: boolean) => void): () => void;
  close(): Promise<void>;
}

export type EventStream = PushStream<DomainEvent>;
