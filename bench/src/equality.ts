import { fingerprintOf } from '@erp/platform';
import type pg from 'pg';
import { auditedOrder } from './audit-trail.js';
import type { BenchCaller } from './callers.js';
import { prng } from './prng.js';
import {
  CREATE_AND_PLACE_ORDER,
  CREATE_ORDER,
  CREATE_ORDER_MUTATION,
  CUSTOMER_LIST,
  CUSTOMER_ORDERS,
  DEEP_QUERY,
  PLACE_ORDER,
  PLACE_ORDER_MUTATION,
  requestBody,
  SIMPLE_QUERY,
  type OrderInput,
} from './queries.js';
import { customerListVariables, customerOrdersVariables, type ReadArguments } from './read-arguments.js';

async function post(url: string, headers: Record<string, string>, body: string): Promise<string> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return response.text();
}

const COST_EXTENSION = /,"extensions":\{"cost":\{[^{}]*\{[^{}]*\}\}\}\}\n$/;

/**
 * The graph's answer without the `extensions.cost` the router adds to every response (the floor prices nothing); the
 * bytes the router writes still include it while measuring.
 */
function withoutCost(answer: string): string {
  if (!COST_EXTENSION.test(answer)) throw new Error(`The router's answer carries no extensions.cost: ${answer.slice(-300)}`);
  return answer.replace(COST_EXTENSION, '}\n');
}

function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i += 1;
  const around = (s: string) => JSON.stringify(s.slice(Math.max(0, i - 120), i + 120));
  return `they differ at byte ${i}:\n  graph: ${around(a)}\n  sql:   ${around(b)}`;
}

/**
 * Sends `perQuery` argument sets of each query, each as a different caller, to the graph and to the SQL endpoint and
 * throws unless every pair of answers is the same bytes — and carries data (an empty answer proves nothing).
 */
export async function assertSameAnswers(graphUrl: string, sqlUrl: string, callers: BenchCaller[], args: ReadArguments, perQuery: number): Promise<number> {
  const random = prng(7);
  const cases = Array.from({ length: perQuery }, (_, i) => [
    { caller: callers[(2 * i) % callers.length]!, body: requestBody(SIMPLE_QUERY, CUSTOMER_LIST, customerListVariables(args, random)) },
    { caller: callers[(2 * i + 1) % callers.length]!, body: requestBody(DEEP_QUERY, CUSTOMER_ORDERS, customerOrdersVariables(args, random)) },
  ]).flat();
  let withData = 0;
  for (const { caller, body } of cases) {
    const [priced, sql] = await Promise.all([post(graphUrl, caller.headers, body), post(sqlUrl, caller.headers, body)]);
    const graph = withoutCost(priced);
    if (graph !== sql) throw new Error(`The SQL endpoint does not answer as the graph does for ${caller.label} and ${body.slice(-200)}: ${firstDifference(graph, sql)}`);
    if (graph.includes('"errors"')) throw new Error(`The graph answered an error to ${caller.label}: ${graph.slice(0, 300)}`);
    if (graph.includes('"node"')) withData += 1;
  }
  if (withData < cases.length / 2) throw new Error(`Only ${withData} of ${cases.length} compared answers had customers in them.`);
  return cases.length;
}

/** The rows an order leaves, without what must differ between two orders (ids, numbers, times). */
async function orderRows(db: pg.Client, id: string): Promise<unknown> {
  const one = async (sql: string) => (await db.query(sql, [id])).rows;
  return {
    order: await one(`select customer_id, status, currency, shipping_address, notes, subtotal_minor, tax_minor, total_minor, placed_at is not null as placed,
                             confirmed_at, shipped_at, cancelled_at, cancel_reason, created_by, version, number ~ '^SO-\\d{4}-\\d{6,}$' as numbered
                        from sales."order" where id = $1`),
    lines: await one(`select position, product_id, sku, name, quantity, currency, unit_price_minor, tax_rate_bp, discount_minor, net_minor, tax_minor
                        from sales.order_line where order_id = $1 order by position`),
    changes: await one(`select from_status, to_status, by_user_id, reason from sales.order_status_change where order_id = $1 order by at, from_status nulls first`),
    claim: await one(`select scope, fingerprint from sales.idempotency_key where result_id = $1::text`),
    events: await one(`select type, aggregate_id = $1::text as about_it, payload - 'orderId' - 'number' - 'at' as payload, payload->>'orderId' = $1::text as names_it,
                              payload->>'number' = (select number from sales."order" where id = $1::uuid) as numbers_it
                         from sales.outbox_event where aggregate_id = $1::text order by type`),
    reservation: await one(`select warehouse_id, status, lines from inventory.reservation where order_id = $1`),
    movements: await one(`select product_id, warehouse_id, kind, on_hand_change, reserved_change, by_user_id
                            from inventory.stock_movement where document_id = $1 order by product_id`),
    stockEvents: await one(`select payload->>'productId' as product, (payload->>'reservedChange')::int as reserved_change
                              from inventory.outbox_event where type = 'stock.changed' and payload->>'documentId' = $1::text order by 1`),
    audit: await auditedOrder(db, id),
  };
}

/**
 * Creates and places the same order (customer, lines, caller) through the graph and through the SQL endpoint and
 * throws unless both leave the same rows: the floor must do the graph's writes, not fewer.
 */
export async function assertSameWrites(graphUrl: string, sqlUrl: string, db: pg.Client, caller: BenchCaller, input: OrderInput, runId: string): Promise<void> {
  const created = JSON.parse(await post(graphUrl, caller.headers, requestBody(CREATE_ORDER_MUTATION, CREATE_ORDER, { input }))) as { data: { createOrder: { id: string } } };
  const graphId = created.data.createOrder.id;
  const placed = withoutCost(await post(graphUrl, caller.headers, requestBody(PLACE_ORDER_MUTATION, PLACE_ORDER, { id: graphId, idempotencyKey: `${runId}-check-graph` })));
  const floor = await post(sqlUrl, caller.headers, requestBody('', CREATE_AND_PLACE_ORDER, { input, idempotencyKey: `${runId}-check-sql` }));
  const sqlId = (JSON.parse(floor) as { data: { placeOrder: { id: string } } }).data.placeOrder.id;
  if (placed.replace(/"id":"[^"]+","number":"[^"]+"/, '') !== floor.replace(/"id":"[^"]+","number":"[^"]+"/, '')) {
    throw new Error(`placeOrder answers differ in shape:\n  graph: ${placed}\n  sql:   ${floor}`);
  }
  const [graphRows, sqlRows] = [await orderRows(db, graphId), await orderRows(db, sqlId)];
  const fingerprints = [(graphRows as { claim: { fingerprint: string }[] }).claim[0]?.fingerprint, (sqlRows as { claim: { fingerprint: string }[] }).claim[0]?.fingerprint];
  if (fingerprints[0] !== fingerprintOf({ id: graphId }) || fingerprints[1] !== fingerprintOf({ id: sqlId })) {
    throw new Error(`idempotency claims differ from the kit's fingerprint: ${JSON.stringify(fingerprints)}`);
  }
  const strip = (rows: unknown) => JSON.stringify(rows, (key, value) => (key === 'fingerprint' ? undefined : value), 1);
  if (strip(graphRows) !== strip(sqlRows)) {
    throw new Error(`The SQL endpoint's order rows differ from the graph's:\n--- graph\n${strip(graphRows)}\n--- sql\n${strip(sqlRows)}`);
  }
}
