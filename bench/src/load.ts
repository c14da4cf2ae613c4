import { Pool } from 'undici';
import { percentile } from './harness.js';

export interface LoadResult {
  /** Iterations that succeeded (a request, or a workload's unit such as one order created and placed). */
  requests: number;
  /** Failed iterations: counted apart, never in `requests` or `rps`. */
  errors: number;
  rps: number;
  p50: number;
  p99: number;
}

/** Sends one POST to the workload's URL; resolves with the body, throws on a non-200 status or a GraphQL error. */
export type Send = (headers: Record<string, string>, body: string) => Promise<string>;

export interface Workload {
  url: string;
  /** One unit of work of client number `client` (0 … concurrency − 1), sending what it needs through `send`. */
  iteration(client: number, send: Send): Promise<void>;
}

export class RequestFailed extends Error {}

function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    fn();
  };
}

/**
 * A measuring window inside a run: the load starts `leadInMs` before it and keeps going until it closes, so the window
 * sees the clients in their stride, neither their simultaneous start nor the drain of their last iterations (which,
 * counted, charged every run a tail as long as one latency: the slower side lost more). `open` and `close` are
 * called when it opens and closes (to read CPU meters over exactly that time).
 */
export interface LoadWindow {
  leadInMs: number;
  open(): void;
  close(): void;
  /** The successful iterations' latencies that ended in the window are added here. */
  latencies?: number[];
}

/**
 * Closed-loop load: `concurrency` clients each start their next iteration when the last one finished. Without a
 * window, every iteration of the run counts, over the run's whole time; with one, only those that ended in it, over
 * its length (`durationMs`).
 */
export async function runLoad(workload: Workload, concurrency: number, durationMs: number, window?: LoadWindow): Promise<LoadResult> {
  const url = new URL(workload.url);
  const pool = new Pool(url.origin, { connections: concurrency, pipelining: 1 });
  const send: Send = async (headers, body) => {
    const response = await pool.request({ path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    const text = await response.body.text();
    if (response.statusCode !== 200 || text.includes('"errors"')) throw new RequestFailed(`${response.statusCode}: ${text.slice(0, 300)}`);
    return text;
  };
  const latencies: number[] = [];
  let errors = 0;
  let firstError: unknown = null;
  const began = performance.now();
  const opensAt = began + (window?.leadInMs ?? 0);
  const deadline = opensAt + durationMs;
  // Each edge once, on its timer or, if the last iteration ended before the timer could run, right after the run.
  const edges = window ? [once(() => window.open()), once(() => window.close())] : [];
  const timers = edges.map((edge, i) => setTimeout(edge, (i === 0 ? opensAt : deadline) - began));
  const counts = (ended: number) => !window || (ended >= opensAt && ended <= deadline);
  const client = async (index: number) => {
    while (performance.now() < deadline) {
      const started = performance.now();
      try {
        await workload.iteration(index, send);
        const ended = performance.now();
        if (counts(ended)) latencies.push(ended - started);
      } catch (error) {
        errors += 1;
        firstError ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, index) => client(index)));
  const elapsed = window ? durationMs / 1000 : (performance.now() - began) / 1000;
  for (const timer of timers) clearTimeout(timer);
  for (const edge of edges) edge();
  await pool.close();
  if (firstError) process.stderr.write(`  ${errors} failed; the first: ${String((firstError as Error).message ?? firstError).slice(0, 400)}\n`);
  latencies.sort((a, b) => a - b);
  if (window?.latencies) for (const latency of latencies) window.latencies.push(latency);
  return { requests: latencies.length, errors, rps: latencies.length / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}
