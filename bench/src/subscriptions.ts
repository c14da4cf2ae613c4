/**
 * pnpm bench:subscriptions — one command: a fresh database, the platform's subgraphs with events on Redis, then N
 * graphql-ws subscribers (BENCH_SUBSCRIBERS, default "1000,10000") on one gateway process, a stream of order status
 * changes, and per gateway: delivery latency from the mutation's commit to receipt, events lost, gateway memory per
 * idle subscriber. Our router and Hive Gateway serve the same supergraph and subgraphs in the same run; ends with
 * one JSON line of figures. BENCH_EVENTS (default 30) status changes, BENCH_EVENT_INTERVAL_MS (default 500) apart.
 */
import { randomUUID } from 'node:crypto';
import { log, percentile, ratio, ROOT, startBenchPlatform, startGateway, type BenchPlatform } from './harness.js';
import { cpuSeconds, memoryMb } from './processes.js';
import { Subscribers } from './ws-subscribers.js';

const COUNTS = (process.env.BENCH_SUBSCRIBERS ?? '1000,10000').split(',').map(Number);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 30);
const INTERVAL_MS = Number(process.env.BENCH_EVENT_INTERVAL_MS ?? 500);
const GATEWAYS = (process.env.BENCH_GATEWAYS ?? 'router,hive').split(',');
const SUBSCRIPTION = 'subscription { orderStatusChanged { id status customer { name } } }';
/** Responses follow the selection's order, so the id and status of a change are read straight off the text. */
const CHANGE = /"orderStatusChanged":\{"id":"([^"]+)","status":"([A-Z_]+)"/;

interface Run {
  subscribers: number;
  connected: number;
  idleKbPerSubscriber: number;
  expected: number;
  received: number;
  lost: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** From sending the mutation rather than from its answer: an upper bound that includes the mutation itself. */
  p99FromRequestMs: number;
  failures: number;
  /** CPU the gateway and this load generator spent per delivered message while the events streamed. */
  gatewayCpuUsPerDelivery: number;
  clientCpuUsPerDelivery: number;
}

/** A pool of draft orders and the mutations that move them: each order is placed, then confirmed. */
async function orderPool(platform: BenchPlatform, token: string, size: number): Promise<string[]> {
  const graph = platform.graph.withToken(token);
  const customer = await graph.request<{ createCustomer: { id: string } }>('mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { id } }', { i: { name: `Live ${randomUUID().slice(0, 6)}` } });
  const product = await graph.request<{ createProduct: { id: string } }>('mutation($i: CreateProductInput!) { createProduct(input: $i) { id } }', {
    i: { sku: `LIVE-${randomUUID().slice(0, 8)}`, name: 'Live product', price: '10.00', currency: 'EUR', taxRate: '20' },
  });
  const ids: string[] = [];
  for (let i = 0; i < size; i += 1) {
    const order = await graph.request<{ createOrder: { id: string } }>('mutation($i: CreateOrderInput!) { createOrder(input: $i) { id } }', {
      i: { customerId: customer.createCustomer.id, lines: [{ productId: product.createProduct.id, quantity: 1 }] },
    });
    ids.push(order.createOrder.id);
  }
  return ids;
}

async function measure(platform: BenchPlatform, gatewayUrl: string, gatewayPid: number, token: string, count: number): Promise<Run> {
  const subscribers = new Subscribers(gatewayUrl.replace(/^http/, 'ws'), { Authorization: `Bearer ${token}` }, SUBSCRIPTION, (raw) => {
    const changed = CHANGE.exec(raw);
    return changed ? `${changed[1]}:${changed[2]}` : null;
  });
  const orders = await orderPool(platform, token, Math.ceil(EVENTS / 2));
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  // Memory per subscriber from the growth between a fifth and all of them, so the gateway's warm-up (code, caches,
  // first allocations) is not charged to the subscribers.
  const warm = Math.max(1, Math.floor(count / 5));
  log(`  opening ${count} subscribers…`);
  await subscribers.open(warm);
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const before = memoryMb(gatewayPid);
  await subscribers.open(count - warm);
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  const idle = memoryMb(gatewayPid);

  log(`  ${EVENTS} status changes, one every ${INTERVAL_MS} ms…`);
  const graph = platform.graph.withToken(token);
  const committed = new Map<string, { sent: number; answered: number }>();
  const gatewayCpuBefore = cpuSeconds(gatewayPid);
  const clientCpuBefore = process.cpuUsage();
  const mutations: Promise<void>[] = [];
  for (let step = 0; step < EVENTS; step += 1) {
    const id = orders[Math.floor(step / 2)]!;
    const [status, mutation] = step % 2 === 0
      ? ['PLACED', graph.request('mutation($id: ID!, $k: String!) { placeOrder(id: $id, idempotencyKey: $k) { id } }', { id, k: randomUUID() })]
      : ['CONFIRMED', graph.request('mutation($id: ID!) { confirmOrder(id: $id) { id } }', { id })];
    const sent = performance.now();
    mutations.push(mutation.then(() => void committed.set(`${id}:${status}`, { sent, answered: performance.now() })));
    // A confirmation must follow its placement's commit.
    if (step % 2 === 0) await mutations.at(-1);
    await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS));
  }
  await Promise.all(mutations);
  const expected = EVENTS * count;
  const deadline = performance.now() + 15_000;
  while (subscribers.received.length < expected && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  if (subscribers.unexpected) log(`  unexpected message: ${subscribers.unexpected}`);
  const gatewayCpu = cpuSeconds(gatewayPid) - gatewayCpuBefore;
  const clientCpu = process.cpuUsage(clientCpuBefore);

  const latencies: number[] = [];
  const fromRequest: number[] = [];
  for (const receipt of subscribers.received) {
    const commit = committed.get(receipt.key);
    if (!commit) continue;
    latencies.push(Math.max(0, receipt.at - commit.answered));
    fromRequest.push(receipt.at - commit.sent);
  }
  latencies.sort((a, b) => a - b);
  fromRequest.sort((a, b) => a - b);
  const received = Math.min(subscribers.received.length, expected);
  const run: Run = {
    subscribers: count,
    connected: subscribers.count,
    idleKbPerSubscriber: Math.round(((idle - before) * 1024 * 10) / Math.max(1, count - warm)) / 10,
    expected,
    received,
    lost: expected - received,
    p50Ms: Math.round(percentile(latencies, 50) * 10) / 10,
    p99Ms: Math.round(percentile(latencies, 99) * 10) / 10,
    maxMs: Math.round((latencies.at(-1) ?? NaN) * 10) / 10,
    p99FromRequestMs: Math.round(percentile(fromRequest, 99) * 10) / 10,
    failures: subscribers.failures,
    gatewayCpuUsPerDelivery: Math.round((gatewayCpu * 1e6) / Math.max(1, received)),
    clientCpuUsPerDelivery: Math.round((clientCpu.user + clientCpu.system) / Math.max(1, received)),
  };
  await subscribers.close();
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  return run;
}

// BENCH_PROFILE_DIR=<dir> writes a CPU profile of each gateway process there (profile before optimising).
const profiling: Record<string, string> = process.env.BENCH_PROFILE_DIR ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}` } : {};
const gateways: Record<string, { script: string; env?: Record<string, string> }> = {
  router: { script: `${ROOT}router/dist/main.js`, env: profiling },
  hive: { script: `${ROOT}bench/dist/gateways/hive-gateway.js`, env: { ...profiling, SUBSCRIPTIONS: 'ws' } },
};

const platform = await startBenchPlatform({ REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' });
try {
  const token = await platform.login();
  const results: Record<string, Run[]> = {};
  for (const name of GATEWAYS) {
    const gateway = gateways[name]!;
    results[name] = [];
    for (const count of COUNTS) {
      log(`${name}: ${count} subscribers`);
      // A fresh gateway process per size, so memory per subscriber is measured from the same baseline.
      const { child, url } = await startGateway(platform, gateway.script, gateway.env);
      try {
        results[name].push(await measure(platform, url, child.process.pid!, token, count));
      } catch (error) {
        log(`${name} with ${count} subscribers failed: ${(error as Error).message}`);
      } finally {
        await child.stop();
      }
    }
  }
  const ours = results.router ?? [];
  const ratios: Record<string, number> = {};
  for (const run of ours) {
    const theirs = results.hive?.find((r) => r.subscribers === run.subscribers);
    if (!theirs) continue;
    // How many times Hive's figure is ours (above 1: ours is better).
    ratios[`hiveP99OverRouter@${run.subscribers}`] = ratio(theirs.p99Ms, run.p99Ms);
    ratios[`hiveP50OverRouter@${run.subscribers}`] = ratio(theirs.p50Ms, run.p50Ms);
    ratios[`hiveMemoryPerSubscriberOverRouter@${run.subscribers}`] = ratio(theirs.idleKbPerSubscriber, run.idleKbPerSubscriber);
    ratios[`hiveCpuPerDeliveryOverRouter@${run.subscribers}`] = ratio(theirs.gatewayCpuUsPerDelivery, run.gatewayCpuUsPerDelivery);
  }
  console.log('');
  for (const [name, runs] of Object.entries(results)) {
    for (const r of runs) {
      console.log(
        `${name.padEnd(8)} ${String(r.subscribers).padStart(6)} subscribers (${r.connected} connected)  p50 ${r.p50Ms} ms  p99 ${r.p99Ms} ms  max ${r.maxMs} ms  ` +
          `lost ${r.lost}/${r.expected}  ${r.idleKbPerSubscriber} KB/idle subscriber  failures ${r.failures}  ` +
          `cpu µs/delivery gateway ${r.gatewayCpuUsPerDelivery} client ${r.clientCpuUsPerDelivery}`,
      );
    }
  }
  for (const [name, value] of Object.entries(ratios)) console.log(`${name.padEnd(34)} ${value}×`);
  console.log(JSON.stringify({ events: EVENTS, intervalMs: INTERVAL_MS, subscription: SUBSCRIPTION, results, ratios }));
} finally {
  await platform.stop();
}
// Sockets a gateway never closed (one that fell behind) must not keep the benchmark alive after its figures.
process.exit(0);
