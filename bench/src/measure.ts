import type pg from 'pg';
import type { BenchPlatform } from './harness.js';
import { percentile } from './harness.js';
import { runLoad, type LoadWindow, type Workload } from './load.js';
import { cpuMeter, memoryMb, type Child } from './processes.js';
import type { Measured } from './report.js';
import { settle } from './settle.js';

export interface LoadSettings {
  concurrency: number;
  seconds: number;
  warmupSeconds: number;
}

/** The measuring knobs every benchmark shares: BENCH_SECONDS (8), BENCH_WARMUP_SECONDS (2), BENCH_CONCURRENCY (32). */
export function loadSettingsFromEnv(): LoadSettings {
  return {
    seconds: Number(process.env.BENCH_SECONDS ?? 8),
    warmupSeconds: Number(process.env.BENCH_WARMUP_SECONDS ?? 2),
    concurrency: Number(process.env.BENCH_CONCURRENCY ?? 32),
  };
}

function assertRunning(child: Child): void {
  if (child.process.exitCode !== null || child.process.signalCode !== null) throw new Error(`a measured process exited:\n${child.output().slice(-2000)}`);
}

/**
 * Runs a workload after a warm-up and measures it: requests per second and latencies, and the CPU per iteration of the
 * front (router, SQL endpoint), the subgraphs' process, the PostgreSQL backends and this load generator. It first
 * waits for the platform to settle: the background work a previous measurement left (the graph's orders are relayed,
 * audited and copied to the partner feed after they answered) must not run during the next one, which would charge
 * the graph's work to the SQL floor's turn.
 */
export async function measure(bench: BenchPlatform, db: pg.Client, workload: Workload, frontChild: Child | null, settings: LoadSettings): Promise<Measured> {
  const frontPid = frontChild?.process.pid ?? null;
  await settle(db);
  await runLoad(workload, settings.concurrency, settings.warmupSeconds * 1000);
  // After the warm-up the pools have opened their connections: these backends serve the measurement.
  const backends = (await db.query<{ pid: number }>('select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()')).rows;
  const front = frontPid ? cpuMeter([frontPid]) : null;
  const subgraphs = cpuMeter([bench.process.process.pid!]);
  const postgres = cpuMeter(backends.map((b) => b.pid));
  const load = process.cpuUsage();
  const result = await runLoad(workload, settings.concurrency, settings.seconds * 1000);
  const perIteration = (seconds: number) => (seconds * 1000) / Math.max(1, result.requests);
  const loadUsage = process.cpuUsage(load);
  for (const child of [bench.process, ...(frontChild ? [frontChild] : [])]) assertRunning(child);
  return {
    ...result,
    frontCpuMs: front ? perIteration(front()) : null,
    frontRssMb: frontPid ? memoryMb(frontPid) : null,
    subgraphsCpuMs: perIteration(subgraphs()),
    postgresCpuMs: perIteration(postgres()),
    loadCpuMs: perIteration((loadUsage.user + loadUsage.system) / 1e6),
  };
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
  front: number;
  subgraphs: number;
  postgres: number;
  load: number;
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
  const tallies: Tally[] = sides.map(() => ({ requests: 0, errors: 0, seconds: 0, latencies: [], front: 0, subgraphs: 0, postgres: 0, load: 0 }));
  for (const side of sides) {
    await settle(db);
    await runLoad(side.workload, settings.concurrency, settings.warmupSeconds * 1000);
  }
  const order = Array.from({ length: slices }, (_, i) => (i % 2 === 0 ? [0, 1] : [1, 0])).flat();
  for (const index of order) {
    const side = sides[index]!;
    const tally = tallies[index]!;
    await settle(db);
    const backends = (await db.query<{ pid: number }>('select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()')).rows;
    let read: () => void = () => undefined;
    const window: LoadWindow = {
      leadInMs: LEAD_IN_MS,
      latencies: tally.latencies,
      open: () => {
        const front = side.front ? cpuMeter([side.front.process.pid!]) : null;
        const subgraphs = cpuMeter([bench.process.process.pid!]);
        const postgres = cpuMeter(backends.map((b) => b.pid));
        const load = process.cpuUsage();
        read = () => {
          const loadUsage = process.cpuUsage(load);
          tally.front += front ? front() : 0;
          tally.subgraphs += subgraphs();
          tally.postgres += postgres();
          tally.load += (loadUsage.user + loadUsage.system) / 1e6;
        };
      },
      close: () => read(),
    };
    const sliceMs = (settings.seconds * 1000) / slices;
    const result = await runLoad(side.workload, settings.concurrency, sliceMs, window);
    tally.seconds += sliceMs / 1000;
    tally.requests += result.requests;
    tally.errors += result.errors;
    for (const child of [bench.process, ...(side.front ? [side.front] : [])]) assertRunning(child);
  }
  const measured = (side: Side, tally: Tally): Measured => {
    const perIteration = (seconds: number) => (seconds * 1000) / Math.max(1, tally.requests);
    tally.latencies.sort((a, b) => a - b);
    return {
      requests: tally.requests,
      errors: tally.errors,
      rps: tally.requests / tally.seconds,
      p50: percentile(tally.latencies, 50),
      p99: percentile(tally.latencies, 99),
      frontCpuMs: side.front ? perIteration(tally.front) : null,
      frontRssMb: side.front ? memoryMb(side.front.process.pid!) : null,
      subgraphsCpuMs: perIteration(tally.subgraphs),
      postgresCpuMs: perIteration(tally.postgres),
      loadCpuMs: perIteration(tally.load),
    };
  };
  return [measured(sides[0], tallies[0]!), measured(sides[1], tallies[1]!)];
}
