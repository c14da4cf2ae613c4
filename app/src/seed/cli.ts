/**
 * `pnpm seed`: loads a larger data set into DATABASE_URL (hundreds of customers, thousands of orders) through the
 * graph: it starts the platform on that database with free ports, seeds, and stops.
 *   DATABASE_URL=postgres://… pnpm seed -- --customers 400 --orders-per-customer 6
 */
import { randomBytes } from 'node:crypto';
import { startPlatform } from '../platform.js';
import type { SeedSize } from './generated-scenario.js';
import { GraphClient } from './graph-client.js';
import { SEED_USAGE, SeedArgsError, seedSizeFromArgs } from './seed-args.js';
import { seedThroughGraph } from './seed.js';

function sizeFromCommandLine(): SeedSize {
  try {
    return seedSizeFromArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof SeedArgsError)) throw error;
    console.error(`${error.message}\n${SEED_USAGE}`);
    process.exit(2);
  }
}

const size = sizeFromCommandLine();
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
  const result = await seedThroughGraph(graph, size);
  console.log(JSON.stringify(result));
} finally {
  await platform.stop();
}
