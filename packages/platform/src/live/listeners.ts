import type { DomainEvent } from '../events/domain-event.js';
import { pushStream } from './push-stream.js';
import type { EventStream } from './live-events.js';

/** The local side of live events: who listens to which type, and handing each event to them. */
export class Listeners {
  private readonly byType = new Map<string, Set<(event: DomainEvent) => void>>();

  constructor(
    /** Told when a type gets its first listener or loses its last (to subscribe or unsubscribe upstream). */
    private readonly onTypes: { first(type: string): void; last(type: string): void } = { first: () => undefined, last: () => undefined },
  ) {}

  listen(types: string[]): EventStream {
    const { stream, push } = pushStream<DomainEvent>(() => {
      for (const type of types) {
        const set = this.byType.get(type);
        set?.delete(push);
        if (set && set.size === 0) {
          this.byType.delete(type);
          this.onTypes.last(type);
        }
      }
    });
    for (const type of types) {
      let set = this.byType.get(type);
      if (!set) {
        set = new Set();
        this.byType.set(type, set);
        this.onTypes.first(type);
      }
      set.add(push);
    }
    return stream;
  }

  deliver(event: DomainEvent): void {
    for (const push of this.byType.get(event.type) ?? []) push(event);
  }

  types(): string[] {
    return [...this.byType.keys()];
  }
}
