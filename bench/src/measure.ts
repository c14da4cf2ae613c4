import type pg from 'pg';
import type { BenchPlatform } from './harness.js';
import { percentile } from './harness.js';
import { runLoad, type LoadResult, type Workload } from './load.js';
import { cpuMeter, memoryMb, type Child } from './processes.js';
import type { Measured } from './report.js';
import { settle } from './settle.js';

export interface LoadSettings {
  concurrency: number;
  seconds: number;
  warmupSeconds: number;
}

/**
 * Twelve seconds of warm-up per side, not two: a server answers traffic long after V8 has optimised its hot paths,
 * and at two seconds the optimising compiler was still at work in the graph's processes (bench/README.md, 2026-12-03).
 */
export const DEFAULT_WARMUP_SECONDS = 12;

/**
 * The measuring knobs every benchmark shares: BENCH_SECONDS (8), BENCH_WARMUP_SECONDS (DEFAULT_WARMUP_SECONDS),
 * BENCH_CONCURRENCY (32).
 */
export function loadSettingsFromEnv(): LoadSettings {
  return {
    seconds: Number(process.env.BENCH_SECONDS ?? 8),
    warmupSeconds: Number(process.env.BENCH_WARMUP_SECONDS ?? DEFAULT_WARMUP_SECONDS),
    concurrency: Number(process.env.BENCH_CONCURRENCY ?? 32),
  };
}

function assertRunning(child: Child): void {
  if (child.process.exitCode !== null || child.process.signalCode !== null) throw new Error(`a measured process exited:\n${child.output().slice(-2000)}`);
}

/** CPU seconds spent, while a measurement ran, by each part that shares the two cores. */
interface CpuSeconds {
  front: number;
  subgraphs: number;
  postgres: number;
  load: number;
}

/** The PostgreSQL backends connected to the benchmark's database (after a warm-up, those that serve the load). */
async function databaseBackends(db: pg.Client): Promise<number[]> {
  const rows = (await db.query<{ pid: number }>('select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()')).rows;
  return rows.map((row) => row.pid);
}

/** Starts the CPU meters of the front, the subgraphs' process, the backends and this load generator; the function reads them. */
function startCpuMeters(bench: BenchPlatform, backends: readonly number[], front: Child | null): () => CpuSeconds {
  const frontMeter = front ? cpuMeter([front.process.pid!]) : null;
  const subgraphs = cpuMeter([bench.process.process.pid!]);
  const postgres = cpuMeter(backends);
  const load = process.cpuUsage();
  return () => {
    const loadUsage = process.cpuUsage(load);
    return { front: frontMeter ? frontMeter() : 0, subgraphs: subgraphs(), postgres: postgres(), load: (loadUsage.user + loadUsage.system) / 1e6 };
  };
}

/** The CPU figures of a measurement: milliseconds per iteration, and the front's memory now. */
function cpuPerIteration(cpu: CpuSeconds, requests: number, front: Child | null): Omit<Measured, keyof LoadResult> {
  const perIteration = (seconds: number) => (seconds * 1000) / Math.max(1, requests);
  return {
    frontCpuMs: front ? perIteration(cpu.front) : null,
    frontRssMb: front ? memoryMb(front.process.pid!) : null,
    subgraphsCpuMs: perIteration(cpu.subgraphs),
    postgresCpuMs: perIteration(cpu.postgres),
    loadCpuMs: perIteration(cpu.load),
  };
}

function assertStillRunning(bench: BenchPlatform, front: Child | null): void {
  for (const child of [bench.process, ...(front ? [front] : [])]) assertRunning(child);
}

/**
 * Runs a workload after a warm-up and measures it: requests per second and latencies, and the CPU per iteration of the
 * front (router, SQL endpoint), the subgraphs' process, the PostgreSQL backends and this load generator. It first
 * waits for the platform to settle: the background work a previous measurement left (the graph's orders are relayed,
 * audited and copied to the partner feed after they answered) must not run during the next one, which would charge
 * the graph's work to the SQL floor's turn.
 */
export async function measure(bench: BenchPlatform, db: pg.Client, workload: Workload, frontChild: Child | null, settings: LoadSettings): Promise<Measured> {
  await settle(db);
  await runLoad(workload, settings.concurrency, settings.warmupSeconds * 1000);
  const readCpu = startCpuMeters(bench, await databaseBackends(db), frontChild);
  const result = await runLoad(workload, settings.concurrency, settings.seconds * 1000);
  const cpu = readCpu();
  assertStillRunning(bench, frontChild);
  return { ...result, ...cpuPerIteration(cpu, result.requests, frontChild) };
}

/** How long each run of `measureInTurns` loads before its window opens (and goes on loading until it closes). */
const LEAD_IN_MS = 500;

export interface Side {
  workload: Workload;
  front: Child | null;
}

/** What one side of `measureInTurns` has counted so far. */
interface Tally {
  requests: number;
  errors: number;
  seconds: number;
  latencies: number[];
  cpu: CpuSeconds;
}

/**
 * Measures two sides (the graph and its SQL floor) in turns instead of one after the other: after a warm-up of each,
 * `settings.seconds` per side cut into `slices` runs in the order ABBA ABBA…, so that both meet the machine at the same
 * moments. On these shared machines the speed of the host drifts by tens of percent within a minute: measured one
 * after the other, a ratio also measured that drift. Each run starts from a settled platform (the graph's orders must
 * not leave their background work to the floor's turn), as `measure` does, loads for LEAD_IN_MS before its window and
 * counts requests, latencies and CPU over the window only: short runs would otherwise each charge the side their
 * clients' simultaneous start and the drain of their last iterations, as long as one of its latencies.
 */
export async function measureInTurns(bench: BenchPlatform, db: pg.Client, sides: [Side, Side], settings: LoadSettings, slices = 4): Promise<[Measured, Measured]> {
  const tallies: Tally[] = sides.map(() => ({ requests: 0, errors: 0, seconds: 0, latencies: [], cpu: { front: 0, subgraphs: 0, postgres: 0, load: 0 } }));
  for (const side of sides) {
    await settle(db);
    await runLoad(side.workload, settings.concurrency, settings.warmupSeconds * 1000);
  }
  const sliceMs = (settings.seconds * 1000) / slices;
  const order = Array.from({ length: slices }, (_, i) => (i % 2 === 0 ? [0, 1] : [1, 0])).flat();
  for (const index of order) {
    const side = sides[index]!;
    const tally = tallies[index]!;
    await settle(db);
    const backends = await databaseBackends(db);
    let readCpu: (() => CpuSeconds) | null = null;
    const result = await runLoad(side.workload, settings.concurrency, sliceMs, {
      leadInMs: LEAD_IN_MS,
      latencies: tally.latencies,
      open: () => (readCpu = startCpuMeters(bench, backends, side.front)),
      close: () => {
        const cpu = readCpu?.();
        if (cpu) for (const part of Object.keys(cpu) as (keyof CpuSeconds)[]) tally.cpu[part] += cpu[part];
      },
    });
    tally.seconds += sliceMs / 1000;
    tally.requests += result.requests;
    tally.errors += result.errors;
    assertStillRunning(bench, side.front);
  }
  const measured = (side: Side, tally: Tally): Measured => {
    tally.latencies.sort((a, b) => a - b);
    return {
      requests: tally.requests,
      errors: tally.errors,
      rps: tally.requests / tally.seconds,
      p50: percentile(tally.latencies, 50),
      p99: percentile(tally.latencies, 99),
      ...cpuPerIteration(tally.cpu, tally.requests, side.front),
    };
  };
  return [measured(sides[0], tallies[0]!), measured(sides[1], tallies[1]!)];
}
