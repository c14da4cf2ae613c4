import './telemetry-off.js';
import { CircuitBreakers, createLogger, DEFAULT_DEADLINE_MS, deadlineFor, keepAlivePool, sendJson, startHttpServer, type CallBounds, type HttpHandler, type LiveEvents, type RunningServer, type ShutdownBounds } from '@erp/platform';
import { clientAddressOf, trustedProxies } from './client-address.js';
import { startFederatedGateway } from './federated-gateway.js';
import { compiledResponseShaping, type ResponseShapingMode, type ResponseShapingStats } from './shaping/response-shaping.js';
import { ApiKeyCache, DEFAULT_API_KEY_CACHE_TTL_MS } from './plugins/api-key-cache.js';
import { forgetRevokedApiKeys } from './plugins/api-key-revocations.js';
import { DEFAULT_OPERATION_LIMITS, type OperationLimits } from './plugins/operation-limits.js';
import { usePersistedOperations, type PersistedOperationsOptions } from './plugins/persisted-operations.js';
import { useAccessLog } from './plugins/use-access-log.js';
import { DEFAULT_QUERY_COST_SETTINGS, type QueryCostSettings } from './plugins/use-query-cost.js';
import { InProcessCostBuckets, type CostBuckets } from './cost/cost-buckets.js';
import { useAuth } from './plugins/use-auth.js';
import { useSignedContext } from './plugins/use-signed-context.js';
import { EXPLORER_PREFIX, explorerEnabledFromEnvironment, explorerRoutes } from './routes/explorer.js';
import { graphqlRoute } from './routes/graphql.js';
import { healthRoutes } from './routes/health.js';
import { FILES_PREFIX, subgraphFilesRoute } from './routes/subgraph-files.js';
import { SubgraphSockets } from './subscriptions/subgraph-sockets.js';
import { SubscriptionHub } from './subscriptions/subscription-hub.js';
import { SubscriptionPlanner } from './subscriptions/subscription-planner.js';
import { serveWebSockets } from './subscriptions/ws-endpoint.js';
import { supergraphUrls } from './supergraph-urls.js';

export interface RouterConfig {
  supergraphSdl: string;
  /** Base URL of a subgraph by name (e.g. identity → http://127.0.0.1:4001), overriding the supergraph's. */
  subgraphUrls?: Record<string, string>;
  routerSecret: string;
  port?: number;
  host?: string;
  /** Merge identical in-flight subgraph queries of the same caller (default true). */
  dedupeSubgraphRequests?: boolean;
  /** How long stopping may take (see docs/architecture.md, "Shutdown"). */
  shutdown?: ShutdownBounds;
  /**
   * When the plan of an operation is one fetch to one subgraph, pass that subgraph's reply on as it is if it is the
   * very response the gateway would build (default true; `useSingleFetch`).
   */
  singleFetch?: boolean;
  /**
   * How the router builds a response from its subgraphs' answers: `compiled` (default) follows each operation's
   * selections compiled once (`compiledResponseShaping`), `gateway` lets @apollo/gateway re-read them for every object.
   */
  responseShaping?: ResponseShapingMode;
  /** How big one operation may be (default `DEFAULT_OPERATION_LIMITS`: depth 15, 30 aliases, 20 root fields). */
  limits?: OperationLimits;
  /** Deadlines of the subgraph fetches (10 s unless set, per subgraph if need be) and when a subgraph's circuit opens. */
  calls?: CallBounds;
  /**
   * The live events the subgraphs' relays publish on (Redis pub/sub shared with them, or the in-process ones of the
   * embedded start). With them the router keeps identity's API key checks and forgets a key on `apikey.revoked`;
   * without them every request with an API key is checked by identity. The router listens but does not close them.
   */
  live?: LiveEvents;
  /** How long an API key check is kept at most (default 60 s; 0 keeps none). Only with `live`. */
  apiKeyCacheTtlMs?: number;
  /**
   * The most one operation may cost and every caller's bucket (default `DEFAULT_QUERY_COST_SETTINGS`); null prices
   * nothing (benchmarks measure what pricing costs).
   */
  cost?: QueryCostSettings | null;
  /**
   * Where the callers' query-cost buckets live: `RedisCostBuckets` to share them between router instances (the
   * caller closes them); by default each router keeps its own in process.
   */
  costBuckets?: CostBuckets;
  /**
   * Proxies whose X-Forwarded-For is believed when they are the peer (addresses or CIDR ranges); none by default,
   * so the client's address is the TCP peer's.
   */
  trustedProxies?: string[];
  /** GraphiQL for a browser opening the graph's URL (default: `ROUTER_EXPLORER`, else on unless NODE_ENV=production). */
  explorer?: boolean;
  /** Automatic persisted queries (default, in memory unless a store is given), a safelist, or neither. */
  persistedOperations?: PersistedOperationsOptions;
}

export interface RunningRouter extends RunningServer {
  graphqlUrl: string;
  /** Live subscribers, and how many distinct upstream subscriptions serve them. */
  subscriptionStats(): { subscribers: number; groups: number };
  /** Responses the single-fetch path served, and those it handed back to the gateway to shape. */
  singleFetchStats(): { served: number; handedBack: number };
  /** Responses shaped from compiled operations, and those the gateway's own shaping built. */
  responseShapingStats(): ResponseShapingStats;
}

export async function startRouter(config: RouterConfig): Promise<RunningRouter> {
  const log = createLogger('router');
  const composed = supergraphUrls(config.supergraphSdl);
  const subgraphUrls = { ...composed, ...config.subgraphUrls };
  const identityUrl = subgraphUrls.identity;
  if (!identityUrl) throw new Error('The supergraph has no identity subgraph, which the router needs to authenticate.');

  // Every request through the pool has the default deadline (a subgraph's own overrides it per fetch): the files
  // route's included.
  const agent = keepAlivePool({ timeoutMs: config.calls?.deadlineMs ?? DEFAULT_DEADLINE_MS });
  // A subgraph that is down fails its fetches at once, the requests' and the subscription events' alike.
  const breakers = new CircuitBreakers(config.calls?.circuit);
  const apiKeyCacheTtlMs = config.live ? (config.apiKeyCacheTtlMs ?? DEFAULT_API_KEY_CACHE_TTL_MS) : 0;
  const apiKeys = apiKeyCacheTtlMs > 0 ? new ApiKeyCache({ ttlMs: apiKeyCacheTtlMs }) : undefined;
  const authenticate = useAuth({
    identityUrl,
    routerSecret: config.routerSecret,
    agent,
    apiKeys,
    deadlineMs: deadlineFor(config.calls, 'identity'),
    breaker: breakers.for('identity'),
  });
  const contextFor = useSignedContext({ routerSecret: config.routerSecret, log });
  const accessLog = useAccessLog({ log });
  const costBuckets = config.costBuckets ?? new InProcessCostBuckets();
  // The supergraph as @apollo/federation-internals builds it, once: subscriptions plan with it, single fetches shape with it.
  const planner = new SubscriptionPlanner(config.supergraphSdl);
  const proxies = trustedProxies(config.trustedProxies ?? []);
  const explorer = (config.explorer ?? explorerEnabledFromEnvironment()) ? explorerRoutes() : null;
  const withExplorer = (graphql: HttpHandler) => explorer?.serveGraphqlOr(graphql) ?? graphql;
  const persisted = usePersistedOperations(config.persistedOperations ?? {});
  const shaping = config.responseShaping === 'gateway' ? null : compiledResponseShaping();
  const { apollo, services, singleFetchStats } = await startFederatedGateway({
    supergraphSdl: config.supergraphSdl,
    subgraphUrls,
    agent,
    dedupe: config.dedupeSubgraphRequests ?? true,
    singleFetch: config.singleFetch === false ? null : { apiSchema: planner.apiSchema },
    responseShaping: shaping,
    limits: config.limits ?? DEFAULT_OPERATION_LIMITS,
    cost: config.cost === null ? null : (config.cost ?? DEFAULT_QUERY_COST_SETTINGS),
    costBuckets,
    persisted,
    bounds: config.calls,
    breakers,
    log,
  });

  const routes: Record<string, HttpHandler> = {
    '/graphql': withExplorer(graphqlRoute({ apollo, authenticate, contextFor, clientAddress: (req) => clientAddressOf(req, proxies), log })),
    ...healthRoutes(subgraphUrls, () => breakers.states()),
  };
  const files = subgraphFilesRoute({
    subgraphs: new Map(Object.keys(composed).map((name) => [name, subgraphUrls[name]!])),
    agent,
    authenticate,
    contextFor,
  });
  const server = await startHttpServer({
    port: config.port ?? 4000,
    host: config.host,
    shutdown: config.shutdown,
    onError: (error) => log.error({ err: error }, 'request failed'),
    handle: async (req, res) => {
      accessLog(req, res);
      const path = (req.url ?? '/').split('?')[0]!;
      const route = routes[path];
      if (route) return route(req, res);
      if (path.startsWith(FILES_PREFIX)) return files(req, res);
      if (explorer && path.startsWith(EXPLORER_PREFIX)) return explorer.assets(req, res);
      sendJson(res, 404, { error: `No route ${path}; the graph is at /graphql.` });
    },
  });

  const sockets = new SubgraphSockets(subgraphUrls, config.routerSecret, log);
  const hub = new SubscriptionHub(planner, sockets, services, contextFor, log, shaping);
  const webSockets = serveWebSockets({ server: server.server, apollo, planner: hub.planner, hub, authenticate, contextFor, log, refusal: persisted.refusal });
  // Until it listens to revocations the cache is not trusted: requests meanwhile are checked by identity.
  const revocations = apiKeys && config.live ? forgetRevokedApiKeys(apiKeys, config.live, log) : null;
  log.info({ url: `${server.url}/graphql`, apiKeyCacheTtlMs }, 'router ready');
  // Stopping (docs/architecture.md, "Shutdown"): HTTP first, while the subgraph connections still serve the requests
  // in flight; then the clients' sockets, with a close code that tells them to connect again (to another instance).
  const close = async () => {
    const drained = await server.drain();
    if (drained.cut > 0) log.warn(drained, 'drain bound reached: requests still unanswered were cut');
    else log.info(drained, 'HTTP drained');
    await webSockets.close();
    await hub.close();
    await sockets.close();
    await server.close();
    await apollo.stop();
    await agent.close();
    await revocations?.close();
    if (!config.costBuckets) await costBuckets.close();
  };
  let closing: Promise<void> | null = null;
  return {
    ...server,
    graphqlUrl: `${server.url}/graphql`,
    subscriptionStats: () => hub.stats(),
    singleFetchStats,
    responseShapingStats: () => shaping?.stats() ?? { compiled: 0, gateway: 0 },
    close: () => (closing ??= close()),
  };
}
