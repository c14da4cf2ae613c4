import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import type { EntityClass } from '@mikro-orm/core';
import type { Logger } from 'pino';
import { CONTEXT_HEADER, REQUEST_ID_HEADER, verifyContext } from '../auth/signed-context.js';
import type { RequestContext } from '../context.js';
import { Loaders } from '../data/loaders.js';
import { migrate, openOrm, pendingMigrations, type Orm, type SubgraphMigration } from '../data/orm.js';
import { createLogger } from '../logger.js';
import { PeerClient } from '../peers/peer-client.js';
import type { EventBus, Subscription } from '../events/event-bus.js';
import { InProcessEventBus } from '../events/in-process-bus.js';
import { OutboxEvent } from '../events/outbox-event.entity.js';
import { OutboxRelay } from '../events/outbox-relay.js';
import { InProcessLiveEvents } from '../live/in-process-live-events.js';
import type { LiveEvents } from '../live/live-events.js';
import { serveSubscriptions } from './subscription-server.js';
import { apolloHandler } from './apollo-http.js';
import { firstHeader, sendJson, startHttpServer, type HttpHandler, type RunningServer } from './http-server.js';
import { isExpectedError, maskError } from './mask-errors.js';

/** What a subgraph package declares about itself; `startSubgraph` does the rest. */
export interface SubgraphDefinition {
  /** Also the PostgreSQL schema it owns. */
  name: string;
  defaultPort: number;
  entities: EntityClass<unknown>[];
  migrations: SubgraphMigration[];
  buildSchema(): Promise<GraphQLSchema>;
  /** Runs after migrations on every start (e.g. make sure the configured admin exists); may return a cleanup. */
  onStart?(env: SubgraphEnvironment): Promise<void | (() => void)>;
  /** Long-lived services (caches, key stores) made once at start and added to every request's context. */
  contextExtras?(env: SubgraphEnvironment): Record<string, unknown>;
  /** Extra HTTP endpoints beside /graphql, /health and /ready. */
  routes?(env: SubgraphEnvironment): Record<string, HttpHandler>;
  /** Reactions to other subgraphs' events. */
  consumers?(env: SubgraphEnvironment): Subscription[];
}

export interface SubgraphEnvironment {
  orm: Orm;
  log: Logger;
  routerSecret: string;
  peers: PeerClient;
  events: EventBus;
  live: LiveEvents;
}

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
  /** Where committed events are announced for subscriptions; in-process when not given. */
  live?: LiveEvents;
  /** Base URLs of the other subgraphs by name; may be filled in after start (they start one by one). */
  peerUrls?: Record<string, string>;
  /** Schemas of the other subgraphs, which this one's migrations must never touch. */
  foreignSchemas?: string[];
}

export interface RunningSubgraph extends RunningServer {
  name: string;
  orm: Orm;
  schema: GraphQLSchema;
}

function logErrors(log: Logger): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            if (!isExpectedError(error)) (contextValue?.log ?? log).error({ err: error.originalError ?? error, path: error.path }, 'unexpected error');
          }
        },
      };
    },
  };
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

export async function startSubgraph(definition: SubgraphDefinition, config: SubgraphConfig): Promise<RunningSubgraph> {
  const log = createLogger(definition.name);
  const orm = await openOrm({
    databaseUrl: config.databaseUrl,
    schema: definition.name,
    entities: definition.entities,
    migrations: definition.migrations,
    poolSize: config.poolSize,
    onQuery: config.onQuery,
    foreignSchemas: config.foreignSchemas,
  });
  const applied = await migrate(orm, definition.name);
  if (applied.length > 0) log.info({ applied }, 'migrations applied');
  const peers = new PeerClient(config.peerUrls ?? {}, config.routerSecret);
  const events = config.events ?? new InProcessEventBus();
  const live = config.live ?? new InProcessLiveEvents();
  const env: SubgraphEnvironment = { orm, log, routerSecret: config.routerSecret, peers, events, live };
  const relay = definition.entities.includes(OutboxEvent) ? new OutboxRelay(orm, definition.name, events, log, live) : null;
  const cleanup = await definition.onStart?.(env);

  const extras = definition.contextExtras?.(env) ?? {};
  const schema = await definition.buildSchema();
  const apollo = new ApolloServer<RequestContext>({
    schema,
    formatError: maskError,
    includeStacktraceInErrorResponses: false,
    // The process owns shutdown (it stops the router, then each subgraph, then the database); Apollo's own
    // SIGTERM handler would race it and re-raise the signal mid-way.
    stopOnTerminationSignals: false,
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled(), logErrors(log), wakeRelayAfterMutations(relay)],
  });
  await apollo.start();

  const graphql = apolloHandler(apollo, async (req) => {
    const requestId = firstHeader(req, REQUEST_ID_HEADER);
    const verification = verifyContext(firstHeader(req, CONTEXT_HEADER), requestId, config.routerSecret);
    if (!verification.ok) {
      log.warn({ requestId, reason: verification.reason }, 'refused a request without a valid router signature');
      throw new GraphQLError(`Refused: ${verification.reason}. Subgraphs answer only the router.`, {
        extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
      });
    }
    return {
      ...extras,
      requestId: verification.context.requestId,
      caller: verification.context.caller,
      em: orm.em.fork(),
      loaders: new Loaders(),
      log: log.child({ requestId }),
      peers,
    };
  });
  const routes: Record<string, HttpHandler> = {
    '/graphql': graphql,
    '/health': async (_req, res) => sendJson(res, 200, { status: 'ok' }),
    '/ready': async (_req, res) => {
      const connected = await orm.isConnected();
      const pending = connected ? await pendingMigrations(orm) : -1;
      sendJson(res, connected && pending === 0 ? 200 : 503, { database: connected, pendingMigrations: pending });
    },
    ...definition.routes?.(env),
  };

  const server = await startHttpServer({
    port: config.port ?? definition.defaultPort,
    host: config.host,
    onError: (error) => log.error({ err: error }, 'request failed'),
    handle: async (req, res) => {
      const path = (req.url ?? '/').split('?')[0]!;
      const route = routes[path];
      if (route) return route(req, res);
      sendJson(res, 404, { error: `No route ${path}` });
    },
  });
  const subscriptions = serveSubscriptions({ server: server.server, schema, routerSecret: config.routerSecret, orm, live, peers, log, extras });
  relay?.start();
  for (const subscription of definition.consumers?.(env) ?? []) {
    // A reaction may itself record events (billing drafting an invoice): send them on without waiting for a poll.
    await events.subscribe({ ...subscription, handle: (event, delivery) => subscription.handle(event, delivery).then(() => relay?.wake()) });
  }
  log.info({ url: `${server.url}/graphql` }, 'subgraph ready');
  return {
    ...server,
    name: definition.name,
    orm,
    schema,
    close: async () => {
      if (cleanup) cleanup();
      await relay?.stop();
      await subscriptions.close();
      await server.close();
      await apollo.stop();
      await orm.close();
    },
  };
}
