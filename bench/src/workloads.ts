import type { GraphClient } from '@erp/app/seed';
import { signContext } from '@erp/platform';
import type { BenchCaller } from './callers.js';
import type { Workload } from './load.js';
import { between, pick, prng, type Random } from './prng.js';
import {
  CREATE_AND_PLACE_ORDER,
  CREATE_ORDER_MUTATION,
  CREATE_ORDER,
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

export type ReadQuery = 'simple' | 'deep';

/** Each client has its own generator, seeded from the run's seed and its number, so runs send the same arguments. */
function perClient(seed: number): (client: number) => Random {
  const generators: Random[] = [];
  return (client) => (generators[client] ??= prng(seed * 1_000 + client));
}

/** Client i is caller i (modulo the callers), sending varied arguments to the given query. */
export function readWorkload(url: string, callers: BenchCaller[], query: ReadQuery, args: ReadArguments, seed: number): Workload {
  const random = perClient(seed);
  return {
    url,
    async iteration(client, send) {
      const caller = callers[client % callers.length]!;
      const body =
        query === 'simple'
          ? requestBody(SIMPLE_QUERY, CUSTOMER_LIST, customerListVariables(args, random(client)))
          : requestBody(DEEP_QUERY, CUSTOMER_ORDERS, customerOrdersVariables(args, random(client)));
      await send(caller.headers, body);
    },
  };
}

/** The simple query straight to the crm subgraph, signed per request for the client's caller as the router does. */
export function directSubgraphWorkload(url: string, callers: BenchCaller[], args: ReadArguments, seed: number, routerSecret: string): Workload {
  const random = perClient(seed);
  let sequence = 0;
  return {
    url,
    async iteration(client, send) {
      const requestId = `bench-${++sequence}`;
      const signed = signContext({ caller: callers[client % callers.length]!.caller, requestId }, routerSecret);
      await send({ 'x-request-id': requestId, 'x-erp-context': signed }, requestBody(SIMPLE_QUERY, CUSTOMER_LIST, customerListVariables(args, random(client))));
    },
  };
}

/** Every client sends the very same request as the very same caller: what in-flight merging is made for. */
export function identicalWorkload(url: string, caller: BenchCaller, query: ReadQuery): Workload {
  const body =
    query === 'simple' ? requestBody(SIMPLE_QUERY, CUSTOMER_LIST, { first: 10 }) : requestBody(DEEP_QUERY, CUSTOMER_ORDERS, { first: 10 });
  return { url, iteration: (_client, send) => send(caller.headers, body).then(() => undefined) };
}

export interface OrderData {
  customerIds: string[];
  productIds: string[];
}

export function orderInput(data: OrderData, random: Random): OrderInput {
  return {
    customerId: pick(random, data.customerIds),
    lines: Array.from({ length: between(random, 1, 4) }, () => ({ productId: pick(random, data.productIds), quantity: between(random, 1, 9) })),
  };
}

/**
 * One iteration is one order created and placed by the client's caller (only writers), for a varied customer and
 * lines: through the graph (`createOrder`, then `placeOrder` with an idempotency key), or in one request to the SQL
 * endpoint that writes the same rows.
 */
export function orderWorkload(url: string, callers: BenchCaller[], data: OrderData, seed: number, runId: string, through: 'graph' | 'sql'): Workload {
  const random = perClient(seed);
  const sent: number[] = [];
  return {
    url,
    async iteration(client, send) {
      const caller = callers[client % callers.length]!;
      const input = orderInput(data, random(client));
      const idempotencyKey = `${runId}-${through}-${client}-${(sent[client] = (sent[client] ?? 0) + 1)}`;
      if (through === 'sql') {
        await send(caller.headers, requestBody('', CREATE_AND_PLACE_ORDER, { input, idempotencyKey }));
        return;
      }
      const created = JSON.parse(await send(caller.headers, requestBody(CREATE_ORDER_MUTATION, CREATE_ORDER, { input }))) as { data: { createOrder: { id: string } } };
      await send(caller.headers, requestBody(PLACE_ORDER_MUTATION, PLACE_ORDER, { id: created.data.createOrder.id, idempotencyKey }));
    },
  };
}

/**
 * Every product stock-tracked with more than the order workload can take, in the default warehouse: placing an order
 * then reserves its lines in inventory (one statement there), as it does in a business that keeps stock, and the SQL
 * floor writes the same reservation.
 */
export async function stockEveryProduct(graph: GraphClient, productIds: readonly string[]): Promise<void> {
  const { warehouses } = await graph.request<{ warehouses: { edges: { node: { id: string; isDefault: boolean } }[] } }>('{ warehouses(first: 50) { edges { node { id isDefault } } } }');
  let warehouseId = warehouses.edges.find((edge) => edge.node.isDefault)?.node.id;
  if (!warehouseId) {
    const created = await graph.request<{ createWarehouse: { id: string } }>('mutation($input: CreateWarehouseInput!) { createWarehouse(input: $input) { id } }', {
      input: { code: 'BENCH', name: 'Bench warehouse' },
    });
    warehouseId = created.createWarehouse.id;
  }
  for (const productId of productIds) {
    await graph.request('mutation($input: AdjustStockInput!) { adjustStock(input: $input) { id } }', { input: { productId, warehouseId, quantity: 100_000_000, reason: 'bench stock' } });
  }
}
