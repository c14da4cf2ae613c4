/**
 * The physical floor: the benchmark's requests answered by hand-written SQL — plain node:http and pg, no GraphQL, no
 * ORM, one statement per read (authentication and JSON included, the JSON printed by PostgreSQL as the graph prints
 * it) and two per order. It takes the same bodies as the graph (`{ query, operationName, variables }`) and picks its
 * statement by operationName; the document is never parsed. The kit's pure rule functions (access, cursors, money,
 * line amounts) are reused so that it decides as the graph does.
 * Runs as its own process: DATABASE_URL, SUBGRAPH_URLS (JSON, for identity's signing keys), ROUTER_SECRET, PORT.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { BadUserInputError } from '@erp/platform';
import pg from 'pg';
import { CREATE_AND_PLACE_ORDER, CUSTOMER_LIST, CUSTOMER_ORDERS, RESERVE_ORDER_STOCK, type CustomerOrdersVariables, type OrderInput } from './queries.js';
import { AccessRefused, accessChecker, type Needs } from './sql-floor/access.js';
import { customerParameters, DEEP_SQL, SIMPLE_SQL } from './sql-floor/customer-sql.js';
import { createAndPlaceOrder, OrderRefused } from './sql-floor/order-sql.js';
import { reserveOrderStock, StockShort } from './sql-floor/reservation-sql.js';

const urls = JSON.parse(process.env.SUBGRAPH_URLS!) as Record<string, string>;
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.SQL_POOL_SIZE ?? 10) });
const access = accessChecker(urls.identity!, process.env.ROUTER_SECRET!);

const SIMPLE_NEEDS: Needs = [{ subgraph: 'crm', permission: 'customers:read' }];
const DEEP_NEEDS: Needs = [...SIMPLE_NEEDS, { subgraph: 'sales', permission: 'orders:read' }, { subgraph: 'billing', permission: 'invoices:read' }];
const ORDER_NEEDS: Needs = [
  { subgraph: 'sales', permission: 'orders:write' },
  { subgraph: 'crm', permission: 'customers:read' },
  { subgraph: 'catalog', permission: 'catalog:read' },
];

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function fail(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(`${JSON.stringify({ errors: [{ message }] })}\n`);
}

async function customers(req: IncomingMessage, variables: CustomerOrdersVariables, deep: boolean): Promise<string | null> {
  const who = await access(req.headers, deep ? DEEP_NEEDS : SIMPLE_NEEDS);
  // Named, so each connection parses and plans it once (PostgreSQL then reuses a generic plan when it is as good).
  const statement = deep ? { name: 'customer-orders', text: DEEP_SQL } : { name: 'customer-list', text: SIMPLE_SQL };
  const result = await pool.query<{ body: string | null }>({ ...statement, values: customerParameters(variables, who, deep) });
  return result.rows[0]!.body;
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'POST') return fail(res, 405, 'POST a GraphQL request body.');
  const { operationName, variables } = JSON.parse(await readBody(req)) as { operationName?: string; variables?: Record<string, unknown> };
  let body: string | null;
  switch (operationName) {
    case CUSTOMER_LIST:
    case CUSTOMER_ORDERS:
      body = await customers(req, (variables ?? {}) as unknown as CustomerOrdersVariables, operationName === CUSTOMER_ORDERS);
      break;
    case CREATE_AND_PLACE_ORDER: {
      const { input, idempotencyKey } = variables as { input: OrderInput; idempotencyKey: string };
      const order = await createAndPlaceOrder(pool, await access(req.headers, ORDER_NEEDS), input, idempotencyKey);
      body = `${JSON.stringify({ data: { placeOrder: { id: order.id, number: order.number, status: 'PLACED' } } })}\n`;
      break;
    }
    case RESERVE_ORDER_STOCK: {
      const input = variables as { orderId: string; warehouseId: string; lines: { productId: string; quantity: number }[] };
      // The permission the graph's placeOrder checks; inventory's part of it is sales' own (service:sales).
      await reserveOrderStock(pool, await access(req.headers, [{ subgraph: 'sales', permission: 'orders:write' }]), input);
      body = `${JSON.stringify({ data: { reserveOrderStock: { orderId: input.orderId } } })}\n`;
      break;
    }
    default:
      return fail(res, 400, `No statement for operation ${operationName}.`);
  }
  if (body === null) return fail(res, 401, 'The API key is not valid or lacks a scope.');
  res.writeHead(200, { 'content-type': 'application/json' }).end(body);
}

const server = createServer((req, res) => {
  handle(req, res).catch((error: unknown) => {
    if (error instanceof AccessRefused) return fail(res, error.status, error.message);
    if (error instanceof BadUserInputError || error instanceof OrderRefused || error instanceof StockShort) return fail(res, 400, error.message);
    process.stderr.write(`sql endpoint: ${(error as Error).stack ?? String(error)}\n`);
    fail(res, 500, 'Unexpected error.');
  });
});
// Longer than the load generator's idle connections, so a kept-alive socket is never closed under it.
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const { port } = server.address() as { port: number };
  console.log(`listening http://127.0.0.1:${port}/graphql`);
});
const stop = () => {
  server.close();
  void pool.end().finally(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
