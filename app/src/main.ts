/**
 * `pnpm start`: the whole graph in one process. With DATABASE_URL it uses that PostgreSQL; with nothing set it runs
 * on an embedded PostgreSQL (PGlite) in .data/, with demo data and demo users. `pnpm start -- --fresh` starts over.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { adminFromEnvironment, loginThrottleFromEnvironment } from '@erp/identity';
import { notificationsOptionsFromEnvironment } from '@erp/notifications';
import { callBoundsFromEnvironment, databaseBoundsFromEnvironment, onTerminationSignal, shutdownBoundsFromEnvironment } from '@erp/platform';
import { apiKeyCacheTtlFromEnvironment, responseShapingFromEnvironment } from '@erp/router';
import { EMBEDDED_POOL_SIZE, startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.js';
import { startPlatform } from './platform.js';
import { DEMO_ADMIN, DEMO_USERS } from './seed/demo-scenario.js';
import { seedDemo } from './seed/seed-demo.js';

const REPO_ROOT = new URL('../../', import.meta.url).pathname;
const dataDir = process.env.ERP_DATA_DIR ?? join(REPO_ROOT, '.data');
const step = (message: string) => process.stderr.write(`▸ ${message}\n`);

if (process.argv.includes('--fresh')) {
  rmSync(dataDir, { recursive: true, force: true });
  step(`--fresh: removed ${dataDir}`);
}

/** In embedded mode the secret persists with the data, so restarts keep working tokens' context signing stable. */
function routerSecret(embedded: boolean): string {
  if (process.env.ROUTER_SECRET) return process.env.ROUTER_SECRET;
  if (!embedded) return randomBytes(32).toString('base64url');
  const path = join(dataDir, 'router-secret');
  if (!existsSync(path)) writeFileSync(path, randomBytes(32).toString('base64url'), { mode: 0o600 });
  return readFileSync(path, 'utf8').trim();
}

let embedded: EmbeddedPostgres | null = null;
let databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  mkdirSync(dataDir, { recursive: true });
  const fresh = !existsSync(join(dataDir, 'pglite'));
  step(`${fresh ? 'creating' : 'opening'} the embedded PostgreSQL (PGlite) in ${join(dataDir, 'pglite')}…`);
  embedded = await startEmbeddedPostgres({ dataDir: join(dataDir, 'pglite') });
  databaseUrl = embedded.url;
}
const shutdown = shutdownBoundsFromEnvironment();
const demoData = embedded !== null || process.env.DEMO_DATA === 'true';
const configuredAdmin = adminFromEnvironment();
// The demo is loaded through the graph by an admin: the configured one, else the demo's own.
const seedingAdmin = demoData ? (configuredAdmin ?? DEMO_ADMIN) : null;
step(process.env.REDIS_URL ? `events and jobs through BullMQ on ${process.env.REDIS_URL}` : 'REDIS_URL not set: events and jobs run in-process');

const platform = await startPlatform({
  databaseUrl,
  routerSecret: routerSecret(embedded !== null),
  routerPort: process.env.PORT ? Number(process.env.PORT) : 4000,
  // ERP_RANDOM_PORTS=1 lets subgraphs take free ports (a second platform beside a running one, tests).
  defaultSubgraphPorts: process.env.ERP_RANDOM_PORTS !== '1',
  dedupeSubgraphRequests: process.env.ROUTER_DEDUPE !== 'off',
  responseShaping: responseShapingFromEnvironment(),
  apiKeyCacheTtlMs: apiKeyCacheTtlFromEnvironment(),
  redisUrl: process.env.REDIS_URL,
  host: process.env.HOST ?? '127.0.0.1',
  identity: { admin: seedingAdmin ?? configuredAdmin, throttle: loginThrottleFromEnvironment() },
  notifications: notificationsOptionsFromEnvironment(),
  poolSize: embedded ? EMBEDDED_POOL_SIZE : undefined,
  namedStatements: !embedded,
  onProgress: step,
  shutdown,
  calls: callBoundsFromEnvironment(),
  // The embedded PGlite serves one connection at a time: a wait for its turn is no sign of trouble.
  database: embedded ? { statementTimeoutMs: 0, acquireTimeoutMs: 0 } : databaseBoundsFromEnvironment(),
});

if (seedingAdmin) {
  step('demo data: loading through the graph…');
  try {
    const seeded = await seedDemo(platform.router.graphqlUrl, seedingAdmin);
    step(seeded ? `demo data: ${seeded.customers} customers, ${seeded.products} products, ${seeded.orders} orders, ${seeded.invoices} invoices issued in ${seeded.seconds.toFixed(1)} s` : 'demo data: the graph already has customers, left as they are');
  } catch (error) {
    step(`demo data could not be loaded: ${(error as Error).message}`);
    await platform.stop();
    await embedded?.stop();
    process.exit(1);
  }
}

const lines = [
  '',
  `The ERP graph is ready: ${platform.router.graphqlUrl}`,
  ...Object.values(platform.subgraphs).map((s) => `  subgraph ${s.name.padEnd(10)} ${s.url}/graphql (answers only the router)`),
  '',
];
if (configuredAdmin) lines.push(`Admin: ${configuredAdmin.email} (password from ADMIN_PASSWORD)`);
if (demoData) {
  lines.push('Demo users (email / password):');
  for (const user of DEMO_USERS) lines.push(`  ${user.roles.join(',').padEnd(11)} ${user.email} / ${user.password}`);
}
lines.push(
  '',
  'Try it:',
  `  curl -s ${platform.router.graphqlUrl} -H 'content-type: application/json' \\`,
  `    -d '{"query":"mutation { login(email: \\"admin@demo.erp\\", password: \\"demo-admin-pass\\") { accessToken } }"}'`,
  '',
);
process.stdout.write(`${lines.join('\n')}\n`);

onTerminationSignal(
  async () => {
    await platform.stop();
    step('router and subgraphs stopped');
    await embedded?.stop();
    step('stopped');
  },
  { bounds: shutdown, log: step },
);
