import { wholeNumberSetting } from '../whole-number-setting.js';
import type { CircuitBreakerOptions } from './circuit-breaker.js';

/** How long the router waits for a subgraph before the fetch fails as SUBGRAPH_UNAVAILABLE, unless configured otherwise. */
export const DEFAULT_DEADLINE_MS = 10_000;
/**
 * How long a subgraph waits for a peer, unless configured otherwise: well inside the router's deadline, so that a
 * request whose peer hangs is answered by its subgraph (naming the peer) before the router gives up on that subgraph.
 */
export const DEFAULT_PEER_DEADLINE_MS = 5_000;

/**
 * The bounds of calls between processes: each call's deadline (one for every subgraph, overridable per subgraph) and
 * when a subgraph's circuit opens and probes again.
 */
export interface CallBounds {
  /** Default deadline of a call to a subgraph (SUBGRAPH_DEADLINE_MS; 10 s from the router, 5 s between subgraphs). */
  deadlineMs?: number;
  /** Deadlines by subgraph name (`<NAME>_SUBGRAPH_DEADLINE_MS`, e.g. BILLING_SUBGRAPH_DEADLINE_MS=30000 for PDFs). */
  deadlineMsBySubgraph?: Record<string, number>;
  /** CIRCUIT_FAILURE_THRESHOLD and CIRCUIT_OPEN_MS. */
  circuit?: CircuitBreakerOptions;
}

export function deadlineFor(bounds: CallBounds | undefined, subgraph: string, fallback = DEFAULT_DEADLINE_MS): number {
  return bounds?.deadlineMsBySubgraph?.[subgraph] ?? bounds?.deadlineMs ?? fallback;
}

export function callBoundsFromEnvironment(env: NodeJS.ProcessEnv = process.env): CallBounds {
  const suffix = '_SUBGRAPH_DEADLINE_MS';
  const bySubgraph = Object.fromEntries(
    Object.entries(env)
      .filter(([key, value]) => key.endsWith(suffix) && value)
      .map(([key]) => [key.slice(0, -suffix.length).toLowerCase(), wholeNumberSetting(env, key, 1)!]),
  );
  return {
    deadlineMs: wholeNumberSetting(env, 'SUBGRAPH_DEADLINE_MS', 1),
    deadlineMsBySubgraph: bySubgraph,
    circuit: { failureThreshold: wholeNumberSetting(env, 'CIRCUIT_FAILURE_THRESHOLD', 1), openMs: wholeNumberSetting(env, 'CIRCUIT_OPEN_MS', 1) },
  };
}
