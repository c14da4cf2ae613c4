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

/**
 * Closed-loop load: `concurrency` clients each start their next iteration when the last one finished. The successful
 * iterations' latencies are added to `keepLatencies` when given (for a measurement made of several runs).
 */
export async function runLoad(workload: Workload, concurrency: number, durationMs: number, keepLatencies?: number[]): Promise<LoadResult> {
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
  const deadline = performance.now() + durationMs;
  const client = async (index: number) => {
    while (performance.now() < deadline) {
      const started = performance.now();
      try {
        await workload.iteration(index, send);
        latencies.push(performance.now() - started);
      } catch (error) {
        errors += 1;
        firstError ??= error;
      }
    }
  };
  const began = performance.now();
  await Promise.all(Array.from({ length: concurrency }, (_, index) => client(index)));
  const elapsed = (performance.now() - began) / 1000;
  await pool.close();
  if (firstError) process.stderr.write(`  ${errors} failed; the first: ${String((firstError as Error).message ?? firstError).slice(0, 400)}\n`);
  latencies.sort((a, b) => a - b);
  if (keepLatencies) for (const latency of latencies) keepLatencies.push(latency);
  return { requests: latencies.length, errors, rps: latencies.length / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}
