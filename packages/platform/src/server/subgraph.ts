import { AsyncLocalStorage } from 'node:async_hooks';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { REQUEST_ID_HEADER, verifySignedRequest } from '../auth/signed-context.js';
import type { RequestContext } from '../context.js';
import { migrateUnbounded, openOrm, pendingMigrations, type DatabaseBounds, type Orm, type OrmOptions } from '../data/orm.js';
import { RowReader } from '../data/row-reader.js';
import { createLogger } from '../logger.js';
import type { CallBounds } from '../peers/call-bounds.js';
import { PeerClient } from '../peers/peer-client.js';
import { migrateBusSchema } from '../events/bus-schema.js';
import { compiledExecution } from '../graphql/compiled-execution.js';
import type { EventBus, Subscription } from '../events/event-bus.js';
import { AuditFlushSubscriber } from '../audit/audit-flush-subscriber.js';
import { runInAuditScope } from '../audit/audit-scope.js';
import { unauditedMutations } from '../audit/audited-mutations.js';
import { InProcessEventBus } from '../events/in-process-bus.js';
import { LedgerEventBus } from '../events/ledger-event-bus.js';
import { OutboxEvent } from '../events/outbox-event.entity.js';
import { OutboxRelay } from '../events/outbox-relay.js';
import { InProcessLiveEvents } from '../live/in-process-live-events.js';
import type { LiveEvents } from '../live/live-events.js';
import type { AttemptLimiter } from '../throttle/attempt-limiter.js';
import { InProcessAttemptLimiter } from '../throttle/in-process-attempt-limiter.js';
import { serveSubscriptions } from './subscription-server.js';
import { answerGraphQLPost, apolloHandler } from './apollo-http.js';
import { inProcessPeers, type LocalGraphQLExchange } from '../peers/in-process-peers.js';
import { FILES_PREFIX, serveFiles } from './file-routes.js';
import { INTERNAL_ERROR_BODY, sendJson, startHttpServer, type HttpHandler, type RunningServer } from './http-server.js';
import { logUnexpectedErrors } from './log-unexpected-errors.js';
import { maskError } from './mask-errors.js';
import { RunningJobs } from './running-jobs.js';
import { JOB_STOP_TIMEOUT_MS, ORM_CLOSE_TIMEOUT_MS, within, type ShutdownBounds } from './shutdown.js';
import type { SubgraphDefinition } from './subgraph-definition.js';
import { createSubgraphEnvironment } from './subgraph-environment.js';
import { whenDatabaseReachable } from './wait-for-database.js';

export interface SubgraphConfig {
  databaseUrl: string;
  /** Shared with the router: subgraphs answer only requests it signed. */
  routerSecret: string;
  port?: number;
  host?: string;
  poolSize?: number;
  onQuery?: (sql: string) => void;
  /** Where events go; an in-process bus when not given. */
  events?: EventBus;
  /** The relay sends a delivery again when its consumer has not acknowledged it this long after it was sent (default 30 s). */
  redeliverAfterMs?: number;
  /** Where committed events are announced for subscriptions; in-process when not given. */
  live?: LiveEvents;
  /** Where attempts that may fail are counted (login throttling); in-process when not given. The caller closes it. */
  attempts?: AttemptLimiter;
  /** Base URLs of the other subgraphs by name; may be filled in after start (they start one by one). */
  peerUrls?: Record<string, string>;
  /** Prepared statements on the read path (default on); off when connections share one backend (embedded PGlite). */
  namedStatements?: boolean;
  /** Schemas of the other subgraphs, which this one's migrations must never touch. */
  foreignSchemas?: string[];
  /** How long stopping may take (see docs/architecture.md, "Shutdown"). */
  shutdown?: ShutdownBounds;
  /** Deadlines and circuit breakers of the calls to other subgraphs (docs/architecture.md, "Deadlines"). */
  calls?: CallBounds;
  /** Statement and pool-acquire timeouts (default 8 s and 5 s). */
  database?: DatabaseBounds;
  /**
   * How operations run: `compiled` by graphql-jit, once per document (default), or `graphql-js`, graphql's own
   * interpreter (also `SUBGRAPH_EXECUTION=graphql-js`), to compare the two or to rule the compiler out.
   */
  execution?: SubgraphExecution;
}

export type SubgraphExecution = 'compiled' | 'graphql-js';

function executionOf(config: SubgraphConfig): SubgraphExecution {
  return config.execution ?? (process.env.SUBGRAPH_EXECUTION === 'graphql-js' ? 'graphql-js' : 'compiled');
}

export interface RunningSubgraph extends RunningServer {
  name: string;
  orm: Orm;
  schema: GraphQLSchema;
  /**
   * Takes no new work and finishes what it took: `/ready` answers 503, HTTP drains (requests in flight, writes
   * included, are answered), subscription sockets close with 1001, the relay stops after its current batch. Its
   * consumers keep running (their bus may be shared): whoever owns the bus closes it next, then calls `close`.
   */
  stopServing(): Promise<void>;
  /** `stopServing()`, then its consumers after their current job, its own services, and the database. */
  close(): Promise<void>;
}

/** A mutation has committed its events to the outbox: have the relay send them now rather than at its next poll. */
function wakeRelayAfterMutations(relay: OutboxRelay | null): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      if (!relay) return {};
      return {
        async willSendResponse({ operation }) {
          if (operation?.operation === 'mutation') relay.wake();
        },
      };
    },
  };
}

/** Whether the bus can take events now, with a deadline so a hanging transport never hangs /ready. */
async function busReachable(events: EventBus): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), 2_000)));
  return Promise.race([events.reachable().catch(() => false), deadline]).finally(() => clearTimeout(timer));
}

/**
 * Starts a subgraph. It listens first, answering /health and, with 503, /ready and everything else, and then waits
 * for PostgreSQL if it is down (migrations are retried every second) instead of failing; Redis being down delays
 * nothing (the relay and the workers catch up when it returns). /ready says 200 only when the database is reachable
 * and migrated and the bus reachable.
 */
export async function startSubgraph(definition: SubgraphDefinition, config: SubgraphConfig): Promise<RunningSubgraph> {
  const log = createLogger(definition.name);
  let routes: Record<string, HttpHandler> | null = null;
  let files: ReturnType<typeof serveFiles> | null = null;
  const server = await startHttpServer({
    port: config.port ?? definition.defaultPort,
    host: config.host,
    shutdown: config.shutdown,
    onError: (error) => log.error({ err: error }, 'request failed'),
    handle: async (req, res) => {
      const path = (req.url ?? '/').split('?')[0]!;
      if (!routes || !files) {
        if (path === '/health') return sendJson(res, 200, { status: 'ok' });
        return sendJson(res, 503, path === '/ready' ? { starting: true, database: false } : { error: `${definition.name} is starting` });
      }
      const route = routes[path];
      if (route) return route(req, res);
      if (path.startsWith(FILES_PREFIX)) return files(req, res, path);
      sendJson(res, 404, { error: `No route ${path}` });
    },
  });
  try {
    return await serveSubgraph(definition, config, log, server, (ready) => {
      routes = ready.routes;
      files = ready.files;
    });
  } catch (error) {
    await server.close();
    throw error;
  }
}

/**
 * Every mutation a subgraph serves runs in an audit scope and has an outbox to record its changes in; a subgraph
 * that would serve one unaudited does not start (docs/architecture.md, "Audit trail").
 */
function assertAudited(definition: SubgraphDefinition, schema: GraphQLSchema, hasOutbox: boolean): void {
  const unaudited = unauditedMutations(schema);
  if (unaudited.length > 0) {
    throw new Error(`Subgraph ${definition.name} serves mutations outside the audit trail (${unaudited.join(', ')}): build its schema with buildFederatedSchema.`);
  }
  if (!hasOutbox && schema.getMutationType()) {
    throw new Error(`Subgraph ${definition.name} has mutations but no outbox to audit them in: add OutboxEvent to its entities.`);
  }
}

async function serveSubgraph(
  definition: SubgraphDefinition,
  config: SubgraphConfig,
  log: ReturnType<typeof createLogger>,
  server: RunningServer,
  serve: (ready: { routes: Record<string, HttpHandler>; files: ReturnType<typeof serveFiles> }) => void,
): Promise<RunningSubgraph> {
  const ormOptions: OrmOptions = {
    databaseUrl: config.databaseUrl,
    schema: definition.name,
    entities: definition.entities,
    migrations: definition.migrations,
    poolSize: config.poolSize,
    onQuery: config.onQuery,
    foreignSchemas: config.foreignSchemas,
    bounds: config.database,
  };
  const orm = await openOrm(ormOptions);
  const audited = definition.entities.includes(OutboxEvent);
  if (audited) orm.em.getEventManager().registerSubscriber(new AuditFlushSubscriber());
  const applied = await whenDatabaseReachable(async () => {
    await migrateBusSchema(config.databaseUrl);
    return migrateUnbounded(ormOptions);
  }, log).catch(async (error: unknown) => {
    await orm.close();
    throw error;
  });
  if (applied.length > 0) log.info({ applied }, 'migrations applied');
  const peers = new PeerClient(config.peerUrls ?? {}, config.routerSecret, config.calls);
  const transport = config.events ?? new InProcessEventBus();
  const events = new LedgerEventBus(transport, orm, definition.name, log);
  const live = config.live ?? new InProcessLiveEvents();
  const db = new RowReader(orm.em, { namedStatements: config.namedStatements });
  const attempts = config.attempts ?? new InProcessAttemptLimiter();
  const { env, useContextExtras } = createSubgraphEnvironment(definition, { orm, log, routerSecret: config.routerSecret, peers, events, live, attempts, db });
  const relay = definition.entities.includes(OutboxEvent) ? new OutboxRelay(orm, events, log, live, { redeliverAfterMs: config.redeliverAfterMs }) : null;
  const runtime = (await definition.start?.(env)) ?? {};
  useContextExtras(runtime.context ?? {});

  const schema = await definition.buildSchema();
  assertAudited(definition, schema, audited);
  const apollo = new ApolloServer<RequestContext>({
    ...(executionOf(config) === 'compiled' ? { gateway: compiledExecution(schema) } : { schema }),
    formatError: (formatted, error) => maskError(formatted, error, definition.name),
    includeStacktraceInErrorResponses: false,
    // The process owns shutdown (it stops the router, then each subgraph, then the database); Apollo's own
    // SIGTERM handler would race it and re-raise the signal mid-way.
    stopOnTerminationSignals: false,
    // Cache-control hints are unused (the router caches nothing), and the plugin that computes them wraps every
    // field's resolver: off, so a field costs only its own resolution.
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      logUnexpectedErrors(log),
      wakeRelayAfterMutations(relay),
    ],
  });
  await apollo.start();

  /** Who calls, from the router's signature on the request (HTTP headers, or a peer's in the process). */
  const signedContext = async (headers: Readonly<Record<string, unknown>>) => {
    const verification = verifySignedRequest(headers, config.routerSecret);
    if (!verification.ok) {
      log.warn({ requestId: headers[REQUEST_ID_HEADER], reason: verification.reason }, 'refused a request without a valid router signature');
      throw new GraphQLError(`Refused: ${verification.reason}. Subgraphs answer only the router.`, {
        extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
      });
    }
    return env.context(verification.context);
  };
  const graphql = apolloHandler(apollo, (req) => signedContext(req.headers));
  // Bound to this moment's async context, not the caller's: the peer's work must not run inside the calling
  // request's scopes (its audit scope above all), as it would not over HTTP.
  const inProcess: LocalGraphQLExchange = AsyncLocalStorage.bind((headers, body) =>
    answerGraphQLPost(apollo, headers, body, () => signedContext(headers)).catch((error: unknown) => {
      log.error({ err: error }, 'a peer call in the process failed');
      return { status: 500, body: INTERNAL_ERROR_BODY };
    }),
  );
  const files = serveFiles(env, definition.policy, runtime.files ?? {});
  const routes: Record<string, HttpHandler> = {
    '/graphql': graphql,
    '/health': async (_req, res) => sendJson(res, 200, { status: 'ok' }),
    '/ready': async (_req, res) => {
      const [connected, bus] = await Promise.all([orm.isConnected(), busReachable(transport)]);
      const pending = connected ? await pendingMigrations(orm).catch(() => -1) : -1;
      sendJson(res, connected && pending === 0 && bus ? 200 : 503, { database: connected, pendingMigrations: pending, bus });
    },
    ...runtime.routes,
  };
  serve({ routes, files });

  // Peers started in this process (platform-process) call this subgraph without a socket, until it starts stopping.
  const leaveProcess = inProcessPeers.serve(server.url, inProcess);

  const subscriptions = serveSubscriptions({ server: server.server, schema, env, log });
  relay?.start();
  const jobs = new RunningJobs(definition.name);
  for (const subscription of runtime.consumers ?? []) {
    // A reaction may itself record events (billing drafting an invoice): send them on without waiting for a poll.
    // What a reaction changes is audited as its consumer's, acting as this subgraph's service.
    const handle: Subscription['handle'] = (event, delivery) =>
      runInAuditScope({ mutation: null, job: subscription.consumer, requestId: event.id, caller: env.service }, () => subscription.handle(event, delivery));
    await events.subscribe({ ...subscription, service: definition.name, handle: (event, delivery) => jobs.run(() => handle(event, delivery)).then(() => relay?.wake()) });
  }
  log.info({ url: `${server.url}/graphql` }, 'subgraph ready');
  // Stopping, in the order of docs/architecture.md ("Shutdown"). Each step runs once: a test stops one subgraph,
  // then the whole platform.
  let serving: Promise<void> | null = null;
  const stopServing = async () => {
    leaveProcess();
    const drained = await server.drain();
    if (drained.cut > 0) log.warn(drained, 'drain bound reached: requests still unanswered were cut');
    else log.info(drained, 'HTTP drained');
    await subscriptions.close();
    await relay?.stop();
  };
  let closing: Promise<void> | null = null;
  const close = async () => {
    await (serving ??= stopServing());
    // A bus made here is this subgraph's own: closing it stops its consumers taking jobs (a shared bus's owner
    // closes it between stopServing and close).
    if (!config.events) await events.close();
    const unfinished = await jobs.stop(JOB_STOP_TIMEOUT_MS);
    if (unfinished > 0) log.warn({ unfinished }, 'jobs still running when the database closes');
    await runtime.stop?.();
    await peers.close();
    await server.close();
    await apollo.stop();
    // A request cut at the drain's bound may still hold a connection (waiting on a lock): do not wait for it forever.
    if (!(await within(ORM_CLOSE_TIMEOUT_MS, orm.close()))) log.warn('database connections still in use at close: left to the process exit');
    if (!config.live) await live.close();
  };
  return {
    ...server,
    name: definition.name,
    orm,
    schema,
    stopServing: () => (serving ??= stopServing()),
    close: () => (closing ??= close()),
  };
}
