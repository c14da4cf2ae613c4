/**
 * `pnpm seed`: loads a larger data set into DATABASE_URL (hundreds of customers, thousands of orders) through the
 * graph: it starts the platform on that database with free ports, seeds, and stops.
 *   DATABASE_URL=postgres://… pnpm seed -- --customers 400 --orders-per-customer 6
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { startPlatform } from '../platform.js';
import { GraphClient } from './graph-client.js';
import { DEFAULT_SEED } from './generated-scenario.js';
import { seedThroughGraph } from './seed.js';

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: String(DEFAULT_SEED.customers) },
    products: { type: 'string', default: String(DEFAULT_SEED.products) },
    'orders-per-customer': { type: 'string', default: String(DEFAULT_SEED.ordersPerCustomer) },
  },
});
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error('Set DATABASE_URL to the PostgreSQL database to seed.');
  process.exit(2);
}
// A fresh admin per run: ensureAdmin never resets an existing user's password, so a fixed one could not log in twice.
const admin = { email: `seed-admin-${randomBytes(4).toString('hex')}@erp.local`, password: randomBytes(18).toString('base64url') };
process.env.LOG_LEVEL ??= 'warn';
const platform = await startPlatform({ databaseUrl, routerSecret: randomBytes(32).toString('base64url'), routerPort: 0, defaultSubgraphPorts: false, identity: { admin } });
try {
  const graph = await new GraphClient(platform.router.graphqlUrl).signIn(admin);
  const result = await seedThroughGraph(graph, {
    customers: Number(values.customers),
    products: Number(values.products),
    ordersPerCustomer: Number(values['orders-per-customer']),
  });
  console.log(JSON.stringify(result));
} finally {
  await platform.stop();
}
