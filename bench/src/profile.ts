/**
 * pnpm bench:profile — where the CPU of a request goes. Seeds a small platform through the graph, runs one workload of
 * `bench:federation` (BENCH_PROFILE_WORKLOAD: simple, deep, order or crmDirect; distinct callers, varied arguments)
 * and, after BENCH_WARMUP_SECONDS of it, CPU-profiles the router and the subgraphs' process during the measured
 * window only. Prints, per process, the sampled milliseconds per request by package and by function, and writes the
 * `.cpuprofile` files (open them in Chrome DevTools) to BENCH_PROFILE_DIR.
 */
import { mkdirSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { seedThroughGraph } from '@erp/app/seed';
import { createCallers, readers, writers } from './callers.js';
import { BENCH_SECRET, log, ROOT, startBenchPlatform, startGateway, UNTHROTTLED } from './harness.js';
import { runLoad, type Workload } from './load.js';
import { discoverReadArguments } from './read-arguments.js';
import { allIds } from './graph-ids.js';
import { directSubgraphWorkload, orderWorkload, readWorkload, stockEveryProduct, type OrderData } from './workloads.js';
import { formatSummary, summarize } from './profile/summarize.js';
import { DEFAULT_WARMUP_SECONDS } from './measure.js';

const WORKLOAD = process.env.BENCH_PROFILE_WORKLOAD ?? 'simple';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? DEFAULT_WARMUP_SECONDS);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 60);
const DIRECTORY = process.env.BENCH_PROFILE_DIR ?? join(ROOT, 'bench', 'profiles', `${WORKLOAD}-${Date.now()}`);
mkdirSync(DIRECTORY, { recursive: true });

const profiled = { NODE_OPTIONS: `--import=${ROOT}bench/dist/profile/profiler-hook.js`, PROFILE_DIR: DIRECTORY };
const bench = await startBenchPlatform(profiled);
try {
  const admin = bench.graph.withToken(await bench.login());
  log(`seeding ${CUSTOMERS} customers…`);
  await seedThroughGraph(admin, { customers: CUSTOMERS, products: 40, ordersPerCustomer: 5 });
  const callers = await createCallers(admin, bench.graph, 40);
  const args = await discoverReadArguments(admin);
  const router = await startGateway(bench, `${ROOT}router/dist/main.js`, { ROUTER_DEDUPE: 'off', ...UNTHROTTLED, ...profiled });
  const orderData: OrderData = { customerIds: await allIds(admin, 'customers'), productIds: await allIds(admin, 'products') };
  if (WORKLOAD === 'order') await stockEveryProduct(admin, orderData.productIds);
  const workloads: Record<string, () => Workload> = {
    simple: () => readWorkload(router.url, readers(callers), 'simple', args, 1),
    deep: () => readWorkload(router.url, readers(callers), 'deep', args, 1),
    order: () => orderWorkload(router.url, writers(callers), orderData, 1, `profile-${Date.now()}`, 'graph'),
    crmDirect: () => directSubgraphWorkload(`${bench.subgraphUrls.crm}/graphql`, readers(callers), args, 1, BENCH_SECRET),
  };
  const workload = workloads[WORKLOAD]?.();
  if (!workload) throw new Error(`BENCH_PROFILE_WORKLOAD must be one of ${Object.keys(workloads).join(', ')}`);
  // Profiled warm, as `bench:federation` measures: the optimising compiler's work is not the request's.
  await runLoad(workload, CONCURRENCY, WARMUP_SECONDS * 1000);
  const processes = { router: router.child.process, subgraphs: bench.process.process };
  for (const child of Object.values(processes)) child.kill('SIGUSR2');
  await new Promise((r) => setTimeout(r, 200));
  log(`profiling ${WORKLOAD} for ${SECONDS} s at concurrency ${CONCURRENCY}…`);
  const result = await runLoad(workload, CONCURRENCY, SECONDS * 1000);
  for (const child of Object.values(processes)) child.kill('SIGUSR2');
  for (let i = 0; i < 100 && readdirSync(DIRECTORY).length < 2; i += 1) await new Promise((r) => setTimeout(r, 100));
  console.log(`${WORKLOAD}: ${result.requests} iterations, ${result.rps.toFixed(0)}/s, p50 ${result.p50.toFixed(1)} ms, ${result.errors} errors`);
  for (const [name, child] of Object.entries(processes)) {
    const path = join(DIRECTORY, `${child.pid}.cpuprofile`);
    if (!existsSync(path)) continue;
    console.log(`\n${formatSummary(`${name} (${path})`, summarize(path), result.requests)}`);
  }
} finally {
  await bench.stop();
}
