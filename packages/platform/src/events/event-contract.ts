import type { DomainEvent } from './domain-event.js';

declare const payloadOf: unique symbol;

/**
 * One event's name and the shape of its payload, defined once and imported by its producer and its consumers: the
 * producer can only record that payload under that name, and a consumer reads the payload only through `isEvent`.
 */
export interface EventContract<P> {
  readonly type: string;
  /** Type-only: carries the payload's shape for the compiler; never set. */
  readonly [payloadOf]?: P;
}

export function defineEvent<P extends object>(type: string): EventContract<P> {
  return Object.freeze({ type });
}

/** An event as received under one of these contracts (a union of contracts gives a union of events). */
export type EventOf<C> = C extends EventContract<infer P> ? DomainEvent<P> : never;

/** Whether an event is the one a contract defines; its payload is then typed by that contract. */
export function isEvent<P>(event: DomainEvent, contract: EventContract<P>): event is DomainEvent<P> {
  return event.type === contract.type;
}
