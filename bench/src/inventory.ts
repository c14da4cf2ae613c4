/**
 * pnpm bench:inventory — order placements with stock reservations, one command: a fresh database seeded through the
 * graph, every product stocked in a warehouse of the run, distinct callers (users of the writing roles and API keys
 * with orders:write), drafts of varied customers and lines created beforehand (not measured). Then, in turns on the
 * same machine (ABBA, `measureInTurns`):
 *  - placements through the graph: placeOrder via the router (sales reads the draft, inventory reserves every line in
 *    one statement, sales writes the placement);
 *  - the floor: the same reservations written straight in SQL by a hand-written endpoint (one statement each, the rows
 *    inventory writes, checked equal first) — less work than a placement, so the ratio does not flatter the graph.
 * Also: SQL statements per placement, and the statements of `products { stock { byWarehouse } }` for 10 and 50 products
 * (constant: no N+1). Prints ratios of this run and one JSON line. Knobs: BENCH_SECONDS, BENCH_WARMUP_SECONDS,
 * BENCH_CONCURRENCY, BENCH_CALLERS, BENCH_DRAFTS, BENCH_SEED.
 */
import { randomUUID } from 'node:crypto';
import { inParallel, seedThroughGraph } from '@erp/app/seed';
import pg from 'pg';
import { createCallers, writers, type BenchCaller } from './callers.js';
import { allIds } from './graph-ids.js';
import { log, ROOT, startBenchPlatform, startGateway, UNTHROTTLED } from './harness.js';
import { loadSettingsFromEnv, measureInTurns } from './measure.js';
import type { Workload } from './load.js';
import { between, pick, prng, type Random } from './prng.js';
import { PLACE_ORDER, PLACE_ORDER_MUTATION, requestBody, RESERVE_ORDER_STOCK } from './queries.js';
import { settle } from './settle.js';

const SETTINGS = loadSettingsFromEnv();
const { seconds: SECONDS, concurrency: CONCURRENCY } = SETTINGS;
const CALLERS = Number(process.env.BENCH_CALLERS ?? 40);
const DRAFTS = Number(process.env.BENCH_DRAFTS ?? 6000);
const SEED = Number(process.env.BENCH_SEED ?? 1);
const PRODUCTS = 50;
const RUN = randomUUID().slice(0, 8);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const STOCK = 100_000_000;

interface Lines {
  lines: { productId: string; quantity: number }[];
}

function linesOf(random: Random, productIds: readonly string[]): Lines['lines'] {
  return Array.from({ length: between(random, 1, 4) }, () => ({ productId: pick(random, productIds), quantity: between(random, 1, 9) }));
}

/** What one order's reservation left in inventory: movements, the reserved change per product, stock events. */
async function reservationRows(db: pg.Client, orderId: string) {
  const movements = await db.query<{ product_id: string; reserved_change: number; kind: string }>(
    'select product_id, reserved_change, kind from inventory.stock_movement where document_id = $1 order by product_id',
    [orderId],
  );
  const reservations = await db.query('select lines from inventory.reservation where order_id = $1 and status = $2', [orderId, 'ACTIVE']);
  const events = await db.query(`select 1 from inventory.outbox_event where type = 'stock.changed' and payload->>'documentId' = $1`, [orderId]);
  return { movements: movements.rows, reservations: reservations.rows, events: events.rowCount };
}

const bench = await startBenchPlatform({ REDIS_URL });
const db = new pg.Client({ connectionString: bench.databaseUrl });
try {
  await db.connect();
  const adminToken = await bench.login();
  const admin = bench.graph.withToken(adminToken);
  const asAdmin = { headers: { authorization: `Bearer ${adminToken}` } };
  log('seeding customers and products through the graph, and stocking every product…');
  await seedThroughGraph(admin, { customers: 40, products: PRODUCTS, ordersPerCustomer: 1 });
  const customerIds = await allIds(admin, 'customers');
  const productIds = await allIds(admin, 'products');
  const { createWarehouse } = await admin.request<{ createWarehouse: { id: string } }>('mutation($input: CreateWarehouseInput!) { createWarehouse(input: $input) { id } }', {
    input: { code: `BENCH-${RUN}`, name: 'Bench warehouse' },
  });
  const warehouseId = createWarehouse.id;
  await inParallel(productIds, 8, (productId) =>
    admin.request('mutation($input: AdjustStockInput!) { adjustStock(input: $input) { id } }', { input: { productId, warehouseId, quantity: STOCK, reason: 'bench stock' } }),
  );
  const callers = writers(await createCallers(admin, bench.graph, CALLERS));
  log(`${callers.length} writing callers; creating ${DRAFTS} drafts…`);

  const router = await startGateway(bench, `${ROOT}router/dist/main.js`, { ROUTER_DEDUPE: 'off', REDIS_URL, ...UNTHROTTLED });
  const sql = await startGateway(bench, `${ROOT}bench/dist/sql-endpoint.js`, { DATABASE_URL: bench.databaseUrl });
  const post = (url: string, caller: Pick<BenchCaller, 'headers'>, body: string) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...caller.headers }, body }).then((r) => r.json() as Promise<{ data?: Record<string, { id: string }>; errors?: unknown[] }>);
  const random = prng(SEED);
  const drafts: { id: string; lines: Lines['lines'] }[] = [];
  await inParallel(Array.from({ length: DRAFTS }, (_, i) => i), 16, async (i) => {
    const lines = linesOf(random, productIds);
    const answer = await post(router.url, callers[i % callers.length]!, requestBody('mutation CreateOrder($input: CreateOrderInput!) { createOrder(input: $input) { id } }', 'CreateOrder', {
      input: { customerId: pick(random, customerIds), lines, warehouseId },
    }));
    if (!answer.data) throw new Error(`createOrder failed: ${JSON.stringify(answer.errors)}`);
    drafts.push({ id: answer.data.createOrder!.id, lines });
  });

  log('checking that the floor writes the rows inventory writes for a placement…');
  const sample = drafts.pop()!;
  const placed = await post(router.url, callers[0]!, requestBody(PLACE_ORDER_MUTATION, PLACE_ORDER, { id: sample.id, idempotencyKey: `${RUN}-check` }));
  if (!placed.data) throw new Error(`placeOrder failed: ${JSON.stringify(placed.errors)}`);
  const floorOrder = randomUUID();
  const floored = await post(sql.url, callers[0]!, requestBody('', RESERVE_ORDER_STOCK, { orderId: floorOrder, warehouseId, lines: sample.lines }));
  if (!floored.data) throw new Error(`the floor failed: ${JSON.stringify(floored.errors)}`);
  const [graphRows, floorRows] = [await reservationRows(db, sample.id), await reservationRows(db, floorOrder)];
  if (JSON.stringify(graphRows) !== JSON.stringify(floorRows)) throw new Error(`the floor wrote other rows: ${JSON.stringify({ graphRows, floorRows })}`);

  log('waiting for the platform to settle, then counting SQL statements…');
  await settle(db);
  const oneMore = drafts.pop()!;
  const placement = await bench.countStatements(() => post(router.url, callers[0]!, requestBody(PLACE_ORDER_MUTATION, PLACE_ORDER, { id: oneMore.id, idempotencyKey: `${RUN}-count` })));
  const stockQuery = (first: number) =>
    requestBody('query ProductStock($first: Int!) { products(first: $first) { edges { node { id stock { onHand available byWarehouse { warehouse { code } onHand reserved } } } } } }', 'ProductStock', { first });
  const stockStatements = async (first: number) => (await bench.countStatements(() => post(router.url, asAdmin, stockQuery(first)))).statements;
  const [stock10, stock50] = [await stockStatements(10), await stockStatements(50)];

  let next = 0;
  const graphWorkload: Workload = {
    url: router.url,
    async iteration(client, send) {
      const draft = drafts[next++];
      if (!draft) throw new Error(`out of drafts: raise BENCH_DRAFTS above ${DRAFTS}`);
      await send(callers[client % callers.length]!.headers, requestBody(PLACE_ORDER_MUTATION, PLACE_ORDER, { id: draft.id, idempotencyKey: `${RUN}-${draft.id}` }));
    },
  };
  const floorRandom: Random[] = [];
  const floorWorkload: Workload = {
    url: sql.url,
    async iteration(client, send) {
      const lines = linesOf((floorRandom[client] ??= prng(SEED * 1_000 + client)), productIds);
      await send(callers[client % callers.length]!.headers, requestBody('', RESERVE_ORDER_STOCK, { orderId: randomUUID(), warehouseId, lines }));
    },
  };
  log(`placements through the graph and the same reservations in SQL, in turns: ${SECONDS} s each at concurrency ${CONCURRENCY}…`);
  const [graph, floor] = await measureInTurns(bench, db, [{ workload: graphWorkload, front: router.child }, { workload: floorWorkload, front: sql.child }], SETTINGS);

  const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
  const ratio = graph.rps / floor.rps;
  console.log(`\nplacements with reservations (${callers.length} writing callers, varied drafts of 1–4 lines, merging off):`);
  console.log(`  through the graph   ${graph.rps.toFixed(0).padStart(6)} /s   p50 ${graph.p50.toFixed(1)} ms   p99 ${graph.p99.toFixed(1)} ms   errors ${graph.errors}`);
  console.log(`  SQL floor           ${floor.rps.toFixed(0).padStart(6)} /s   p50 ${floor.p50.toFixed(1)} ms   p99 ${floor.p99.toFixed(1)} ms   errors ${floor.errors}`);
  console.log(`  ratio graph ÷ floor ${ratio.toFixed(3)}`);
  console.log(`  CPU ms per placement: router ${graph.frontCpuMs?.toFixed(2)}, subgraphs ${graph.subgraphsCpuMs.toFixed(2)}, PostgreSQL ${graph.postgresCpuMs.toFixed(2)}`);
  console.log(`  CPU ms per floor reservation: endpoint ${floor.frontCpuMs?.toFixed(2)}, PostgreSQL ${floor.postgresCpuMs.toFixed(2)}`);
  console.log(`statements per placement: ${sum(placement.statements)} ${JSON.stringify(placement.statements)} (floor: 1)`);
  console.log(`statements of products { stock { byWarehouse } }: 10 products ${sum(stock10)}, 50 products ${sum(stock50)} ${JSON.stringify({ stock10, stock50 })}`);
  console.log(
    JSON.stringify({
      date: new Date().toISOString(),
      settings: { ...SETTINGS, callers: callers.length, drafts: DRAFTS, seed: SEED },
      results: { graph, floor },
      ratios: { placementsVsSqlReservations: ratio },
      statements: { placement: placement.statements, stock10, stock50 },
    }),
  );
  if (graph.errors > 0 || floor.errors > 0) process.exitCode = 1;
} finally {
  await db.end().catch(() => undefined);
  await bench.stop();
}
