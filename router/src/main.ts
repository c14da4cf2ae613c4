import { readFileSync } from 'node:fs';
import { callBoundsFromEnvironment, failFastConnection, onTerminationSignal, RedisLiveEvents, shutdownBoundsFromEnvironment, subgraphUrlsFromEnvironment } from '@erp/platform';
import { trustedProxiesFromEnvironment } from './client-address.js';
import { apiKeyCacheTtlFromEnvironment } from './plugins/api-key-cache.js';
import { RedisCostBuckets } from './cost/cost-buckets.js';
import { operationLimitsFromEnvironment } from './plugins/operation-limits.js';
import { queryCostFromEnvironment } from './plugins/use-query-cost.js';
import { loadOperationManifest } from './plugins/persisted-operation-manifest.js';
import { persistedOperationsModeFromEnvironment } from './plugins/persisted-operations.js';
import { RedisPersistedQueryStore } from './plugins/persisted-query-store.js';
import { startRouter } from './router.js';
import { responseShapingFromEnvironment } from './shaping/response-shaping.js';

/**
 * The router as its own process: ROUTER_SECRET, PORT, SUPERGRAPH_PATH, and <NAME>_SUBGRAPH_URL where a subgraph
 * does not run at the URL the supergraph was composed with. SIGTERM/SIGINT stop it gracefully (docs/architecture.md,
 * "Shutdown"; bounds from SHUTDOWN_DRAIN_MS and SHUTDOWN_READY_GRACE_MS) and it exits 0 once done. ROUTER_DEDUPE=off and
 * ROUTER_SINGLE_FETCH=off turn off the merging of identical in-flight subgraph queries and the single-fetch path
 * (benchmarks compare with them off); ROUTER_RESPONSE_SHAPING=gateway lets @apollo/gateway shape every response
 * itself. Deadlines and circuit breakers of the subgraph fetches: SUBGRAPH_DEADLINE_MS,
 * <NAME>_SUBGRAPH_DEADLINE_MS, CIRCUIT_FAILURE_THRESHOLD, CIRCUIT_OPEN_MS (docs/architecture.md, "Deadlines"). Operation
 * limits: ROUTER_MAX_DEPTH, ROUTER_MAX_ALIASES, ROUTER_MAX_ROOT_FIELDS.
 *
 * REDIS_URL: the live events the subgraphs publish there (Redis pub/sub); with them the router caches API key checks
 * for up to ROUTER_API_KEY_CACHE_TTL_MS (default 60000; 0 keeps none) and forgets a key when it is revoked.
 * Without REDIS_URL a router process hears of no revocation, so it checks every API key with identity. Query cost:
 * ROUTER_MAX_COST, ROUTER_COST_BUCKET_SIZE, ROUTER_COST_RESTORE_RATE, ROUTER_COST_DEFAULT_LIST_SIZE (ROUTER_QUERY_COST=off
 * prices nothing: benchmarks only); the buckets are kept
 * in REDIS_URL when it is set (shared by every router instance), else in the process.
 *
 * Persisted operations (docs/architecture.md, "Persisted operations"): ROUTER_PERSISTED_OPERATIONS=apq (default),
 * safelist or off; ROUTER_PERSISTED_OPERATIONS_MANIFEST, the manifest of registered operations (required for safelist).
 * With REDIS_URL automatic persisted queries are kept on Redis, shared by every instance.
 * ROUTER_TRUSTED_PROXIES: proxies (addresses, CIDR ranges) whose X-Forwarded-For names the client; none by default.
 */
const routerSecret = process.env.ROUTER_SECRET;
if (!routerSecret) {
  console.error('router: set ROUTER_SECRET (shared with the subgraphs).');
  process.exit(1);
}
const apiKeyCacheTtlMs = apiKeyCacheTtlFromEnvironment();
const shutdown = shutdownBoundsFromEnvironment();
// EVENT_PREFIX as the subgraphs have it (several deployments on one Redis).
const live = process.env.REDIS_URL ? new RedisLiveEvents(process.env.REDIS_URL, process.env.EVENT_PREFIX || undefined) : undefined;
// Query-cost buckets shared by every router on this Redis; a command fails at once while Redis is away (the request is
// then not throttled) rather than waiting in ioredis's offline queue.
const costBuckets = process.env.REDIS_URL
  ? new RedisCostBuckets(failFastConnection(process.env.REDIS_URL), `${process.env.EVENT_PREFIX || 'erp'}:cost:`)
  : undefined;
const persistedQueryStore = process.env.REDIS_URL ? new RedisPersistedQueryStore(process.env.REDIS_URL, process.env.EVENT_PREFIX || undefined) : undefined;
const manifestPath = process.env.ROUTER_PERSISTED_OPERATIONS_MANIFEST;
const supergraphPath = process.env.SUPERGRAPH_PATH ?? new URL('../../schema/supergraph.graphql', import.meta.url).pathname;
const router = await startRouter({
  supergraphSdl: readFileSync(supergraphPath, 'utf8'),
  subgraphUrls: subgraphUrlsFromEnvironment(),
  routerSecret,
  port: process.env.PORT ? Number(process.env.PORT) : 4000,
  host: process.env.HOST ?? '0.0.0.0',
  dedupeSubgraphRequests: process.env.ROUTER_DEDUPE !== 'off',
  shutdown,
  singleFetch: process.env.ROUTER_SINGLE_FETCH !== 'off',
  responseShaping: responseShapingFromEnvironment(),
  calls: callBoundsFromEnvironment(),
  limits: operationLimitsFromEnvironment(),
  live,
  apiKeyCacheTtlMs,
  cost: process.env.ROUTER_QUERY_COST === 'off' ? null : queryCostFromEnvironment(),
  costBuckets,
  trustedProxies: trustedProxiesFromEnvironment(),
  persistedOperations: {
    mode: persistedOperationsModeFromEnvironment(),
    manifest: manifestPath ? loadOperationManifest(manifestPath) : undefined,
    store: persistedQueryStore,
  },
});
onTerminationSignal(
  async () => {
    await router.close();
    await live?.close();
    await costBuckets?.close();
    await persistedQueryStore?.close();
  },
  { bounds: shutdown, log: (message) => process.stderr.write(`router: ${message}\n`) },
);
