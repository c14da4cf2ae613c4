import { SubgraphUnavailableError } from '../errors.js';

export interface CircuitBreakerOptions {
  /** Consecutive outages (calls that failed as SUBGRAPH_UNAVAILABLE) that open the circuit. */
  failureThreshold?: number;
  /** How long an open circuit fails calls at once before it lets one probe through (default 2 s). */
  openMs?: number;
  /** The clock (tests move it). */
  now?: () => number;
}

export type CircuitState = 'closed' | 'open' | 'half-open';

export const DEFAULT_FAILURE_THRESHOLD = 5;
export const DEFAULT_OPEN_MS = 2_000;

/**
 * Fails calls to a service fast while it is down, instead of making every caller wait out the deadline of a service
 * that is known to be hung or gone. Closed: calls go through, and `failureThreshold` outages in a row open it. Open:
 * calls fail at once with SUBGRAPH_UNAVAILABLE for `openMs`. Then half-open: one call goes through as a probe while the
 * others keep failing fast; its success closes the circuit, its outage opens it again.
 *
 * Only outages count (refused, reset, past the deadline, 502–504): an answer with GraphQL errors is the service
 * working, however unwelcome the answer.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt = 0;
  private probing = false;
  private current: CircuitState = 'closed';
  private readonly failureThreshold: number;
  private readonly openMs: number;
  private readonly now: () => number;

  constructor(
    readonly service: string,
    options: CircuitBreakerOptions = {},
  ) {
    this.failureThreshold = options.failureThreshold ?? DEFAULT_FAILURE_THRESHOLD;
    this.openMs = options.openMs ?? DEFAULT_OPEN_MS;
    this.now = options.now ?? Date.now;
  }

  get state(): CircuitState {
    if (this.current === 'open' && this.now() - this.openedAt >= this.openMs) return 'half-open';
    return this.current;
  }

  /** Runs `call` unless the circuit says the service is down; records how it went. */
  async run<T>(call: () => Promise<T>): Promise<T> {
    const probe = this.admit();
    try {
      const result = await call();
      this.succeeded();
      return result;
    } catch (error) {
      if (error instanceof SubgraphUnavailableError) this.failed();
      else this.succeeded();
      throw error;
    } finally {
      if (probe) this.probing = false;
    }
  }

  /** Whether this call may go through (true: it is the probe of a half-open circuit); throws when it may not. */
  private admit(): boolean {
    const state = this.state;
    if (state === 'closed') return false;
    if (state === 'half-open' && !this.probing) {
      this.probing = true;
      return true;
    }
    const retryInMs = Math.max(0, this.openMs - (this.now() - this.openedAt));
    throw new SubgraphUnavailableError(this.service, `failing fast after ${this.failureThreshold} failed calls in a row; trying it again ${retryInMs > 0 ? `in ${retryInMs} ms` : 'now'}`);
  }

  private succeeded(): void {
    this.failures = 0;
    this.current = 'closed';
  }

  private failed(): void {
    this.failures += 1;
    if (this.current !== 'closed' || this.failures >= this.failureThreshold) {
      this.current = 'open';
      this.openedAt = this.now();
    }
  }
}

/** One breaker per service, made on first use with the same options. */
export class CircuitBreakers {
  private readonly breakers = new Map<string, CircuitBreaker>();

  constructor(private readonly options: CircuitBreakerOptions = {}) {}

  for(service: string): CircuitBreaker {
    let breaker = this.breakers.get(service);
    if (!breaker) this.breakers.set(service, (breaker = new CircuitBreaker(service, this.options)));
    return breaker;
  }

  /** Every breaker's state, for health reports. */
  states(): Record<string, CircuitState> {
    return Object.fromEntries([...this.breakers].map(([service, breaker]) => [service, breaker.state]));
  }
}
