import './telemetry-off.js';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import {
  apolloHandler,
  createLogger,
  isExpectedError,
  maskError,
  REQUEST_ID_HEADER,
  sendJson,
  startHttpServer,
  type HttpHandler,
  type RunningServer,
} from '@erp/platform';
import { GraphQLError } from 'graphql';
import { readCredentials, useAuth } from './plugins/use-auth.js';
import { useSignedContext } from './plugins/use-signed-context.js';
import { SignedSubgraphDataSource } from './subgraph-fetch/signed-subgraph-data-source.js';
import { subgraphAgent } from './subgraph-fetch/subgraph-agent.js';
import { requestIdFrom } from './request-id.js';
import { INVOICE_PDF_PATH, invoicePdfRoute } from './routes/invoice-pdf.js';
import { SubgraphSockets } from './subscriptions/subgraph-sockets.js';
import { SubscriptionHub } from './subscriptions/subscription-hub.js';
import { SubscriptionPlanner } from './subscriptions/subscription-planner.js';
import { serveWebSockets } from './subscriptions/ws-endpoint.js';
import { supergraphUrls } from './supergraph-urls.js';
import type { RouterContext } from './router-context.js';

export interface RouterConfig {
  supergraphSdl: string;
  /** Base URL of a subgraph by name (e.g. identity → http://127.0.0.1:4001), overriding the supergraph's. */
  subgraphUrls?: Record<string, string>;
  routerSecret: string;
  port?: number;
  host?: string;
  /** Merge identical in-flight subgraph queries of the same caller (default true). */
  dedupeSubgraphRequests?: boolean;
}

export interface RunningRouter extends RunningServer {
  graphqlUrl: string;
  /** Live subscribers, and how many distinct upstream subscriptions serve them. */
  subscriptionStats(): { subscribers: number; groups: number };
}

function logUnexpectedErrors(): ApolloServerPlugin<RouterContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            if (!isExpectedError(error)) contextValue?.log.error({ err: error.originalError ?? error, path: error.path }, 'unexpected error');
          }
        },
      };
    },
  };
}

export async function startRouter(config: RouterConfig): Promise<RunningRouter> {
  const log = createLogger('router');
  const subgraphUrls = { ...supergraphUrls(config.supergraphSdl), ...config.subgraphUrls };
  const identityUrl = subgraphUrls.identity;
  if (!identityUrl) throw new Error('The supergraph has no identity subgraph, which the router needs to authenticate.');
  const agent = subgraphAgent();
  const services: Record<string, SignedSubgraphDataSource> = {};
  const gateway = new ApolloGateway({
    supergraphSdl: config.supergraphSdl,
    buildService: ({ name, url }) =>
      (services[name] = new SignedSubgraphDataSource(`${subgraphUrls[name] ?? new URL(url!).origin}/graphql`, agent, { dedupe: config.dedupeSubgraphRequests ?? true })),
  });
  const apollo = new ApolloServer<RouterContext>({
    gateway: gateway as never,
    formatError: maskError,
    includeStacktraceInErrorResponses: false,
    // The process owns shutdown (it stops the router, then each subgraph, then the database); Apollo's own
    // SIGTERM handler would race it and re-raise the signal mid-way.
    stopOnTerminationSignals: false,
    parseOptions: { noLocation: true },
    // Credentials travel only in Authorization / x-api-key headers, never in cookies, so a cross-site form post
    // carries none; Apollo's CSRF guard would only break plain GET queries that GraphQL over HTTP allows.
    csrfPrevention: false,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      logUnexpectedErrors(),
    ],
  });
  await apollo.start();

  const authenticate = useAuth({ identityUrl, routerSecret: config.routerSecret });
  const contextFor = useSignedContext({ routerSecret: config.routerSecret, log });
  const graphql = apolloHandler(apollo, async (req, res) => {
    const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
    res.setHeader(REQUEST_ID_HEADER, requestId);
    let caller;
    try {
      caller = await authenticate(readCredentials(req.headers), requestId);
    } catch (error) {
      if (error instanceof GraphQLError) {
        throw new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status: 401 } } });
      }
      log.error({ err: error, requestId }, 'authentication failed');
      throw error;
    }
    return contextFor(caller, requestId);
  });

  const invoicePdf = subgraphUrls.billing
    ? invoicePdfRoute({ billingUrl: subgraphUrls.billing, routerSecret: config.routerSecret, agent, authenticate })
    : null;
  const routes: Record<string, HttpHandler> = {
    '/graphql': graphql,
    '/health': async (_req, res) => sendJson(res, 200, { status: 'ok' }),
    '/ready': async (_req, res) => {
      const checks = await Promise.all(
        Object.entries(subgraphUrls).map(async ([name, url]) => {
          const ok = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(2_000) }).then((r) => r.ok, () => false);
          return [name, ok] as const;
        }),
      );
      sendJson(res, checks.every(([, ok]) => ok) ? 200 : 503, { subgraphs: Object.fromEntries(checks) });
    },
  };
  const server = await startHttpServer({
    port: config.port ?? 4000,
    host: config.host,
    onError: (error) => log.error({ err: error }, 'request failed'),
    handle: async (req, res) => {
      const path = (req.url ?? '/').split('?')[0]!;
      const started = process.hrtime.bigint();
      res.once('finish', () => {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        log.info({ requestId: res.getHeader(REQUEST_ID_HEADER), method: req.method, path, status: res.statusCode, ms }, 'request');
      });
      const route = routes[path];
      if (route) return route(req, res);
      const pdf = INVOICE_PDF_PATH.exec(path);
      if (pdf && invoicePdf) {
        const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
        res.setHeader(REQUEST_ID_HEADER, requestId);
        return invoicePdf(req, res, decodeURIComponent(pdf[1]!), requestId);
      }
      sendJson(res, 404, { error: `No route ${path}; the graph is at /graphql.` });
    },
  });
  const sockets = new SubgraphSockets(subgraphUrls, config.routerSecret, log);
  const hub = new SubscriptionHub(new SubscriptionPlanner(config.supergraphSdl), sockets, services, contextFor, log);
  const webSockets = serveWebSockets({
    server: server.server,
    apollo,
    planner: hub.planner,
    hub,
    authenticate,
    contextFor,
    log,
  });
  log.info({ url: `${server.url}/graphql` }, 'router ready');
  return {
    ...server,
    graphqlUrl: `${server.url}/graphql`,
    subscriptionStats: () => hub.stats(),
    close: async () => {
      await webSockets.close();
      await hub.close();
      await sockets.close();
      await server.close();
      await apollo.stop();
      await agent.close();
    },
  };
}
