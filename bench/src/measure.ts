import type pg from 'pg';
import type { BenchPlatform } from './harness.js';
import { runLoad, type Workload } from './load.js';
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

