import type { Logger } from 'pino';

/** Which side a relay's failure came from: reading and stamping its outbox (PostgreSQL), or handing events to the bus. */
export type RelayFailure = 'database' | 'bus';

/** The bus refused or did not answer: thrown by the relay around `enqueue`, so its log can tell the sides apart. */
export class BusUnreachable extends Error {
  constructor(cause: unknown) {
    super(`event bus unreachable: ${String((cause as Error)?.message ?? cause)}`, { cause });
  }
}

export function failedSide(error: unknown): RelayFailure {
  return error instanceof BusUnreachable ? 'bus' : 'database';
}

/**
 * A relay's outage as its log tells it: one warning when it starts (and when the failing side changes), naming the
 * side, and one line on recovery with how long it lasted; the tries in between say nothing.
 */
export class RelayOutage {
  private current: { side: RelayFailure; since: number; tries: number } | null = null;

  constructor(
    private readonly log: Pick<Logger, 'warn' | 'info'>,
    private readonly now: () => number = Date.now,
  ) {}

  get active(): boolean {
    return this.current !== null;
  }

  failed(error: unknown): void {
    const side = failedSide(error);
    if (this.current?.side === side) {
      this.current.tries += 1;
      return;
    }
    this.current = { side, since: this.current?.since ?? this.now(), tries: 1 };
    const err = error instanceof BusUnreachable ? error.cause : error;
    if (side === 'bus') this.log.warn({ failed: side, err }, 'event bus unreachable: events wait in the outbox');
    else this.log.warn({ failed: side, err }, 'outbox unreachable (database): events wait in it');
  }

  recovered(): void {
    if (!this.current) return;
    const { side, since, tries } = this.current;
    this.current = null;
    this.log.info({ failed: side, outageMs: this.now() - since, tries }, side === 'bus' ? 'event bus reachable again: outbox flowing' : 'outbox reachable again (database): outbox flowing');
  }
}
