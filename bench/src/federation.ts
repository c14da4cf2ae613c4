/**
 * pnpm bench:federation — one command: a fresh database with the seed, the platform's subgraphs, then the same two
 * queries through our router, stock @apollo/gateway, Hive Gateway (in-flight merging on and off) and straight to the
 * owning subgraph, one gateway process at a time. Prints ratios measured in this run and one JSON line.
 * BENCH_SECONDS (default 8) per measurement, BENCH_CONCURRENCY (default 32), BENCH_CUSTOMERS (default 200).
 */
import { callerFromClaims, signContext } from '@erp/platform';
import { seedThroughGraph } from '@erp/app/seed';
import { decodeJwt } from 'jose';
import { BENCH_SECRET as SECRET, log, ratio, ROOT, startBenchPlatform, startGateway } from './harness.js';
import { runLoad, type LoadResult, type LoadTarget } from './load.js';
import { cpuSeconds, memoryMb } from './processes.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 200);

const QUERIES = {
  deep: '{ customers(first: 10) { edges { node { orders { edges { node { lines { product { name } } invoice { number } } } } balanceDue { amount currency } } } } }',
  simple: '{ customers(first: 10) { edges { node { id name email } } } }',
};

interface Measured extends LoadResult {
  cpuMsPerRequest: number | null;
  rssMb: number | null;
  /** CPU the subgraphs' process spent per request: what the gateway made them do. */
  subgraphCpuMsPerRequest: number;
}

async function measure(target: LoadTarget, pid: number | null, subgraphsPid: number): Promise<Measured> {
  await runLoad(target, CONCURRENCY, 2_000);
  const before = pid ? cpuSeconds(pid) : 0;
  const subgraphsBefore = cpuSeconds(subgraphsPid);
  const result = await runLoad(target, CONCURRENCY, SECONDS * 1000);
  const cpu = pid ? cpuSeconds(pid) - before : 0;
  const subgraphCpu = cpuSeconds(subgraphsPid) - subgraphsBefore;
  return {
    ...result,
    cpuMsPerRequest: pid ? (cpu * 1000) / result.requests : null,
    rssMb: pid ? memoryMb(pid) : null,
    subgraphCpuMsPerRequest: (subgraphCpu * 1000) / result.requests,
  };
}

const bench = await startBenchPlatform();
try {
  const platform = bench.process;
  const { subgraphUrls, login } = bench;
  log(`seeding ${CUSTOMERS} customers through the graph…`);
  const seeded = await seedThroughGraph(bench.graph.withToken(await login()), { customers: CUSTOMERS, products: 40, ordersPerCustomer: 5 });
  log(`seeded ${JSON.stringify(seeded)}`);
  const token = await login();
  const caller = callerFromClaims(decodeJwt(token) as never)!;

  const gateways: { name: string; script: string; env?: Record<string, string> }[] = [
    { name: 'router', script: `${ROOT}router/dist/main.js` },
    { name: 'routerDedupeOff', script: `${ROOT}router/dist/main.js`, env: { ROUTER_DEDUPE: 'off' } },
    { name: 'stockApolloGateway', script: `${ROOT}bench/dist/gateways/stock-gateway.js` },
    { name: 'hiveDedupeOn', script: `${ROOT}bench/dist/gateways/hive-gateway.js`, env: { DEDUPE: 'on' } },
    { name: 'hiveDedupeOff', script: `${ROOT}bench/dist/gateways/hive-gateway.js`, env: { DEDUPE: 'off' } },
  ];
  const results: Record<string, Record<string, Measured>> = {};
  for (const gateway of gateways) {
    const { child, url } = await startGateway(bench, gateway.script, gateway.env);
    results[gateway.name] = {};
    for (const [query, text] of Object.entries(QUERIES)) {
      log(`${gateway.name}: ${query} query, ${SECONDS} s at concurrency ${CONCURRENCY}…`);
      results[gateway.name]![query] = await measure(
        { url, headers: () => ({ authorization: `Bearer ${token}` }), body: JSON.stringify({ query: text }) },
        child.process.pid!,
        platform.process.pid!,
      );
    }
    await child.stop();
  }
  log('the owning subgraph (crm) directly: simple query…');
  let sequence = 0;
  const direct = await measure(
    {
      url: `${subgraphUrls.crm}/graphql`,
      headers: () => {
        const requestId = `bench-${++sequence}`;
        return { 'x-request-id': requestId, 'x-erp-context': signContext({ caller, requestId }, SECRET) };
      },
      body: JSON.stringify({ query: QUERIES.simple }),
    },
    null,
    platform.process.pid!,
  );

  const ours = results.router!;
  const figures = {
    concurrency: CONCURRENCY,
    seconds: SECONDS,
    seeded,
    results,
    directSubgraph: { simple: direct },
    ratios: {
      deepRpsVsStock: ratio(ours.deep!.rps, results.stockApolloGateway!.deep!.rps),
      simpleRpsVsStock: ratio(ours.simple!.rps, results.stockApolloGateway!.simple!.rps),
      deepRpsVsHiveDedupeOn: ratio(ours.deep!.rps, results.hiveDedupeOn!.deep!.rps),
      deepRpsVsHiveDedupeOff: ratio(ours.deep!.rps, results.hiveDedupeOff!.deep!.rps),
      simpleRpsVsHiveDedupeOn: ratio(ours.simple!.rps, results.hiveDedupeOn!.simple!.rps),
      simpleRpsVsHiveDedupeOff: ratio(ours.simple!.rps, results.hiveDedupeOff!.simple!.rps),
      deepRpsVsStockDedupeOff: ratio(results.routerDedupeOff!.deep!.rps, results.stockApolloGateway!.deep!.rps),
      simpleRpsVsStockDedupeOff: ratio(results.routerDedupeOff!.simple!.rps, results.stockApolloGateway!.simple!.rps),
      simpleP50VsDirectSubgraph: ratio(ours.simple!.p50, direct.p50),
      simpleRpsVsDirectSubgraph: ratio(ours.simple!.rps, direct.rps),
    },
  };
  const row = (name: string, m: Measured) =>
    `${name.padEnd(34)} ${m.rps.toFixed(0).padStart(7)} req/s  p50 ${m.p50.toFixed(1).padStart(6)} ms  p99 ${m.p99.toFixed(1).padStart(6)} ms  errors ${m.errors}` +
    (m.cpuMsPerRequest !== null ? `  cpu ${m.cpuMsPerRequest.toFixed(3)} ms/req  rss ${m.rssMb!.toFixed(0)} MB` : '') +
    `  subgraphs cpu ${m.subgraphCpuMsPerRequest.toFixed(3)} ms/req`;
  console.log('');
  for (const [name, byQuery] of Object.entries(results)) for (const [query, m] of Object.entries(byQuery)) console.log(row(`${name} / ${query}`, m));
  console.log(row('crm subgraph directly / simple', direct));
  console.log('');
  for (const [name, value] of Object.entries(figures.ratios)) console.log(`${name.padEnd(28)} ${value}×`);
  console.log(JSON.stringify(figures));
} finally {
  await bench.stop();
}
