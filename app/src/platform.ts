import { startRouter, type ResponseShapingMode, type RunningRouter } from '@erp/router';
import { BullMqEventBus, InProcessAttemptLimiter, InProcessEventBus, InProcessLiveEvents, RedisAttemptLimiter, RedisLiveEvents, startSubgraph, type AttemptLimiter, type CallBounds, type DatabaseBounds, type EventBus, type LiveEvents, type RunningSubgraph, type ShutdownBounds } from '@erp/platform';
import { readFileSync } from 'node:fs';
import { subgraphDefinitions, type StackOptions } from './subgraphs.js';

/** The committed supergraph (`pnpm schema:generate` writes it, `pnpm schema:check` guards it). */
export const SUPERGRAPH_PATH = new URL('../../schema/supergraph.graphql', import.meta.url).pathname;

export interface PlatformConfig extends StackOptions {
  databaseUrl: string;
  routerSecret: string;
  /** 0 picks free ports (tests); otherwise the router listens here and subgraphs on their default ports. */
  routerPort: number;
  /** When false every subgraph takes a free port (tests, benchmarks). */
  defaultSubgraphPorts?: boolean;
  host?: string;
  poolSize?: number;
  /** Prepared statements on the subgraphs' read path (default on); off on the embedded PGlite, whose connections share one backend. */
  namedStatements?: boolean;
  /** The event bus to use (tests wrap one); otherwise BullMQ on `redisUrl`, or in-process when that is not set. */
  events?: EventBus;
  /**
   * Live events for subscriptions and for the router's API key cache, which forgets revoked keys through them (tests
   * pass one); otherwise Redis pub/sub on `redisUrl`, or in-process.
   */
  live?: LiveEvents;
  /** Events through BullMQ and live events through pub/sub on this Redis; in-process when not set. */
  redisUrl?: string;
  /** Key prefix of the queues, so several platforms can share one Redis (tests). */
  eventPrefix?: string;
  /** Where failed logins are counted; otherwise on `redisUrl`, or in-process. */
  attempts?: AttemptLimiter;
  /** A delivery its consumer has not acknowledged this long after it was sent is sent again (default 30 s). */
  redeliverAfterMs?: number;
  /** Merge identical in-flight subgraph queries of one caller in the router (default true). */
  dedupeSubgraphRequests?: boolean;
  /** How the router shapes responses (`RouterConfig.responseShaping`; default compiled). */
  responseShaping?: ResponseShapingMode;
  /** How long the router keeps an API key check at most (default 60 s; 0 keeps none). */
  apiKeyCacheTtlMs?: number;
  /** Called with each SQL statement of every subgraph (statement counting in tests and benchmarks). */
  onQuery?: (subgraph: string, sql: string) => void;
  onProgress?: (message: string) => void;
  /** How long stopping may take (see docs/architecture.md, "Shutdown"). */
  shutdown?: ShutdownBounds;
  /** Deadlines and circuit breakers of the calls between processes (docs/architecture.md, "Deadlines"). */
  calls?: CallBounds;
  /** Statement and pool-acquire timeouts of the subgraphs' databases. */
  database?: DatabaseBounds;
}

export interface RunningPlatform {
  router: RunningRouter;
  subgraphs: Record<string, RunningSubgraph>;
  stop(): Promise<void>;
}

/** Starts every subgraph (migrations) and the router in this process. */
export async function startPlatform(config: PlatformConfig): Promise<RunningPlatform> {
  const definitions = subgraphDefinitions(config);
  const names = definitions.map((definition) => definition.name);
  const subgraphs: Record<string, RunningSubgraph> = {};
  const peerUrls: Record<string, string> = {};
  const live: LiveEvents = config.live ?? (config.redisUrl ? new RedisLiveEvents(config.redisUrl, config.eventPrefix) : new InProcessLiveEvents());
  const events: EventBus = config.events ?? (config.redisUrl ? new BullMqEventBus(config.redisUrl, config.eventPrefix) : new InProcessEventBus());
  const attempts: AttemptLimiter = config.attempts ?? (config.redisUrl ? new RedisAttemptLimiter(config.redisUrl, config.eventPrefix) : new InProcessAttemptLimiter());
  try {
    for (const definition of definitions) {
      config.onProgress?.(`${definition.name}: migrating…`);
      subgraphs[definition.name] = await startSubgraph(definition, {
        databaseUrl: config.databaseUrl,
        routerSecret: config.routerSecret,
        port: config.defaultSubgraphPorts === false ? 0 : definition.defaultPort,
        host: config.host,
        poolSize: config.poolSize,
        namedStatements: config.namedStatements,
        foreignSchemas: names.filter((name) => name !== definition.name),
        shutdown: config.shutdown,
        calls: config.calls,
        database: config.database,
        peerUrls,
        events,
        redeliverAfterMs: config.redeliverAfterMs,
        live,
        attempts,
        onQuery: config.onQuery ? (sql) => config.onQuery!(definition.name, sql) : undefined,
      });
      peerUrls[definition.name] = subgraphs[definition.name]!.url;
    }
    config.onProgress?.('router: loading schema/supergraph.graphql…');
    const router = await startRouter({
      supergraphSdl: readFileSync(SUPERGRAPH_PATH, 'utf8'),
      subgraphUrls: Object.fromEntries(Object.entries(subgraphs).map(([name, running]) => [name, running.url])),
      routerSecret: config.routerSecret,
      dedupeSubgraphRequests: config.dedupeSubgraphRequests,
      responseShaping: config.responseShaping,
      port: config.routerPort,
      host: config.host,
      shutdown: config.shutdown,
      calls: config.calls,
      live,
      apiKeyCacheTtlMs: config.apiKeyCacheTtlMs,
    });
    return {
      router,
      subgraphs,
      // The order of docs/architecture.md ("Shutdown"): the router answers what it took, so nothing new reaches the
      // subgraphs; they stop serving and relaying; the consumers finish their current job; then the databases close.
      stop: async () => {
        config.onProgress?.('stopping the router…');
        await router.close();
        config.onProgress?.('stopping the subgraphs…');
        await Promise.all(Object.values(subgraphs).map((running) => running.stopServing()));
        await events.close();
        for (const running of Object.values(subgraphs).reverse()) await running.close();
        await live.close();
        await attempts.close();
      },
    };
  } catch (error) {
    for (const running of Object.values(subgraphs).reverse()) await running.close().catch(() => undefined);
    await events.close();
    await live.close();
    await attempts.close();
    throw error;
  }
}
