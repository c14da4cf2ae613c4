/**
 * pnpm bench:federation — one command: a fresh database seeded through the graph, distinct callers (users of four
 * roles and API keys), then, with varied arguments per request:
 *  - the headline: our router with in-flight merging off, against the physical floor (a hand-written SQL endpoint that
 *    answers the same requests with the same bytes, checked before measuring), the two measured in turns, and the crm
 *    subgraph directly;
 *  - apart, labelled: the router with merging on, for the same traffic and for identical requests of one caller;
 *  - orders created and placed through the graph against the same writes in raw SQL (rows checked equal first);
 *  - SQL statements per request, counted in the subgraphs; opt-in (BENCH_COMPETITORS=1): stock @apollo/gateway and Hive Gateway.
 * Prints ratios measured in this run and one JSON line. See bench/README.md for the knobs.
 */
import { randomUUID } from 'node:crypto';
import { seedThroughGraph } from '@erp/app/seed';
import { callerFromClaims } from '@erp/platform';
import { decodeJwt } from 'jose';
import pg from 'pg';
import { createCallers, readers, writers, type BenchCaller } from './callers.js';
import { assertSameAnswers, assertSameWrites } from './equality.js';
import { BENCH_SECRET, log, ROOT, startBenchPlatform, startGateway, UNTHROTTLED, type BenchPlatform } from './harness.js';
import type { Workload } from './load.js';
import { prng } from './prng.js';
import { settle } from './settle.js';
import { allIds } from './graph-ids.js';
import { loadSettingsFromEnv, measure, measureInTurns, type Side } from './measure.js';
import type { Child } from './processes.js';
import { CREATE_ORDER, CREATE_ORDER_MUTATION, CUSTOMER_ORDERS, CUSTOMER_LIST, DEEP_QUERY, PLACE_ORDER, PLACE_ORDER_MUTATION, requestBody, SIMPLE_QUERY } from './queries.js';
import { discoverReadArguments } from './read-arguments.js';
import { computeRatios, printReport, type Measured } from './report.js';
import { directSubgraphWorkload, identicalWorkload, orderInput, orderWorkload, readWorkload, stockEveryProduct, type OrderData, type ReadQuery } from './workloads.js';

const SETTINGS = loadSettingsFromEnv();
const { seconds: SECONDS, concurrency: CONCURRENCY } = SETTINGS;
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 100);
const CALLERS = Number(process.env.BENCH_CALLERS ?? 40);
const SEED = Number(process.env.BENCH_SEED ?? 1);
const COMPETITORS = process.env.BENCH_COMPETITORS === '1';
const RUN = randomUUID().slice(0, 8);
const QUERIES: ReadQuery[] = ['simple', 'deep'];


// Events and live events on Redis, as a deployment with the router in a process of its own runs them: the router
// caches API key checks only where revocations reach it (docs/architecture.md, "API key checks").
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const bench = await startBenchPlatform({ REDIS_URL });
const db = new pg.Client({ connectionString: bench.databaseUrl });
try {
  await db.connect();
  log(`seeding ${CUSTOMERS} customers through the graph…`);
  const adminToken = await bench.login();
  const admin = bench.graph.withToken(adminToken);
  const seeded = await seedThroughGraph(admin, { customers: CUSTOMERS, products: 40, ordersPerCustomer: 5 });
  log(`seeded ${JSON.stringify(seeded)}`);
  const callers = await createCallers(admin, bench.graph, CALLERS);
  const readCallers = readers(callers);
  const writeCallers = writers(callers);
  const adminCaller: BenchCaller = { label: 'admin', caller: callerFromClaims(decodeJwt(adminToken) as never)!, headers: { authorization: `Bearer ${adminToken}` }, canWrite: true };
  const args = await discoverReadArguments(admin);
  const orderData: OrderData = { customerIds: await allIds(admin, 'customers'), productIds: await allIds(admin, 'products') };
  await stockEveryProduct(admin, orderData.productIds);
  log(`${callers.length} callers (${readCallers.length} read both queries, ${writeCallers.length} write orders); ${args.searches.length / 3} search terms`);
  if (readCallers.length < CONCURRENCY) log(`note: ${CONCURRENCY} clients share ${readCallers.length} callers`);

  const sql = await startGateway(bench, `${ROOT}bench/dist/sql-endpoint.js`, { DATABASE_URL: bench.databaseUrl });
  // Priced as in production, with buckets no caller can empty: the benchmark measures throughput, not throttling.
  const router = await startGateway(bench, `${ROOT}router/dist/main.js`, { ROUTER_DEDUPE: 'off', REDIS_URL, ...UNTHROTTLED });

  log('checking that the SQL endpoint answers byte for byte as the graph…');
  const compared = await assertSameAnswers(router.url, sql.url, readCallers, args, 12);
  log(`${compared} answers identical`);

  log('waiting for the platform to settle, then counting SQL statements per request (subgraphs\' query log, one request at a time)…');
  await settle(db);
  const post = (body: string) => fetch(router.url, { method: 'POST', headers: { 'content-type': 'application/json', ...adminCaller.headers }, body }).then((r) => r.json());
  const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
  const count = async (body: string) => (await bench.countStatements(() => post(body))).statements;
  const deep10 = await count(requestBody(DEEP_QUERY, CUSTOMER_ORDERS, { first: 10 }));
  const deep50 = await count(requestBody(DEEP_QUERY, CUSTOMER_ORDERS, { first: 50 }));
  const simple10 = await count(requestBody(SIMPLE_QUERY, CUSTOMER_LIST, { first: 10 }));

  const results: Record<string, Measured> = {};
  const run = async (name: string, workload: Workload, front: Child | null) => {
    log(`${name}: ${SECONDS} s at concurrency ${CONCURRENCY}…`);
    results[name] = await measure(bench, db, workload, front, SETTINGS);
  };
  // The headline pairs are measured in turns (ABBA…), so that the graph and its floor meet the same machine.
  const runInTurns = async (name: string, graph: Side, floor: Side) => {
    log(`router/${name} and sql/${name} in turns: ${SECONDS} s each at concurrency ${CONCURRENCY}…`);
    [results[`router/${name}`], results[`sql/${name}`]] = await measureInTurns(bench, db, [graph, floor], SETTINGS);
  };
  for (const query of QUERIES) {
    await runInTurns(query, { workload: readWorkload(router.url, readCallers, query, args, SEED), front: router.child }, { workload: readWorkload(sql.url, readCallers, query, args, SEED), front: sql.child });
  }
  await run('crmDirect/simple', directSubgraphWorkload(`${bench.subgraphUrls.crm}/graphql`, readCallers, args, SEED, BENCH_SECRET), null);

  const merging = await startGateway(bench, `${ROOT}router/dist/main.js`, { REDIS_URL, ...UNTHROTTLED });
  for (const query of QUERIES) {
    await run(`routerMergingOn/${query}`, readWorkload(merging.url, readCallers, query, args, SEED), merging.child);
    await run(`routerMergingOnIdentical/${query}`, identicalWorkload(merging.url, adminCaller, query), merging.child);
  }
  await merging.child.stop();

  // What pricing every operation (query cost) and keeping API-key checks cost per request: the same traffic through a
  // router without each, in turns with the headline router, so that both meet the same machine.
  const features: { name: string; env: Record<string, string> }[] = [
    { name: 'withoutQueryCost', env: { ROUTER_QUERY_COST: 'off' } },
    { name: 'withoutKeyCache', env: { ROUTER_API_KEY_CACHE_TTL_MS: '0' } },
  ];
  for (const feature of features) {
    const without = await startGateway(bench, `${ROOT}router/dist/main.js`, { ROUTER_DEDUPE: 'off', REDIS_URL, ...UNTHROTTLED, ...feature.env });
    for (const query of QUERIES) {
      await run(`router-${feature.name}/${query}`, readWorkload(without.url, readCallers, query, args, SEED), without.child);
      await run(`router-against-${feature.name}/${query}`, readWorkload(router.url, readCallers, query, args, SEED), router.child);
    }
    await without.child.stop();
  }

  if (COMPETITORS) {
    const competitors: { name: string; script: string; env: Record<string, string> }[] = [
      { name: 'stockApolloGateway', script: `${ROOT}bench/dist/gateways/stock-gateway.js`, env: {} },
      { name: 'hiveMergingOff', script: `${ROOT}bench/dist/gateways/hive-gateway.js`, env: { DEDUPE: 'off' } },
      { name: 'hiveMergingOn', script: `${ROOT}bench/dist/gateways/hive-gateway.js`, env: { DEDUPE: 'on' } },
    ];
    for (const competitor of competitors) {
      const gateway = await startGateway(bench, competitor.script, competitor.env);
      for (const query of QUERIES) await run(`${competitor.name}/${query}`, readWorkload(gateway.url, readCallers, query, args, SEED), gateway.child);
      await gateway.child.stop();
    }
  }

  // Writes come last: the orders they add would change what the read queries return.
  log('checking that the SQL endpoint writes the rows the graph writes…');
  await assertSameWrites(router.url, sql.url, db, writeCallers[0]!, orderInput(orderData, prng(SEED)), RUN);
  await settle(db);
  const orderStatements = await bench.countStatements(async () => {
    const created = (await post(requestBody(CREATE_ORDER_MUTATION, CREATE_ORDER, { input: orderInput(orderData, prng(SEED + 1)) }))) as { data: { createOrder: { id: string } } };
    await post(requestBody(PLACE_ORDER_MUTATION, PLACE_ORDER, { id: created.data.createOrder.id, idempotencyKey: `${RUN}-count` }));
  });
  await runInTurns(
    'order',
    { workload: orderWorkload(router.url, writeCallers, orderData, SEED, RUN, 'graph'), front: router.child },
    { workload: orderWorkload(sql.url, writeCallers, orderData, SEED, RUN, 'sql'), front: sql.child },
  );

  const statements = {
    deep10: total(deep10),
    deep50: total(deep50),
    simple10: total(simple10),
    order: total(orderStatements.statements),
    bySubgraph: { deep10, deep50, simple10, order: orderStatements.statements },
    sqlFloor: { simple: 1, deep: 1, order: 2 },
  };
  const ratios = computeRatios(results, COMPETITORS);
  printReport(results, statements, ratios, { readers: readCallers.length, writers: writeCallers.length, competitors: COMPETITORS });
  const featureCosts = Object.fromEntries(
    features.flatMap((feature) =>
      QUERIES.map((query) => {
        const withIt = results[`router-against-${feature.name}/${query}`]!;
        const without = results[`router-${feature.name}/${query}`]!;
        return [`${feature.name}/${query}`, { requestsPerSecondRatio: withIt.rps / without.rps, routerCpuMs: withIt.frontCpuMs, routerCpuMsWithout: without.frontCpuMs }];
      }),
    ),
  );
  console.log('\nthe router with each feature ÷ without it (requests/s; router CPU ms per request with / without):');
  for (const [key, cost] of Object.entries(featureCosts)) {
    console.log(`  ${key.padEnd(26)} ${cost.requestsPerSecondRatio.toFixed(3)}×   ${cost.routerCpuMs?.toFixed(2)} / ${cost.routerCpuMsWithout?.toFixed(2)} ms`);
  }
  console.log(
    JSON.stringify({
      date: new Date().toISOString(),
      settings: { ...SETTINGS, customers: CUSTOMERS, callers: callers.length, seed: SEED, competitors: COMPETITORS },
      seeded,
      comparedAnswers: compared,
      statements,
      results,
      ratios: Object.fromEntries(ratios.map((r) => [r.key, r.value])),
      featureCosts,
    }),
  );
} finally {
  await db.end().catch(() => undefined);
  await bench.stop();
}
