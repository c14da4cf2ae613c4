import './telemetry-off.js';
import type { Schema } from '@apollo/federation-internals';
import { ApolloGateway, type ResponseShaping } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { deadlineFor, logUnexpectedErrors, maskError, type CallBounds, type CircuitBreakers, type Logger } from '@erp/platform';
import type { Agent } from 'undici';
import type { OperationLimits } from './plugins/operation-limits.js';
import type { PersistedOperations } from './plugins/persisted-operations.js';
import { useOperationLimits } from './plugins/use-operation-limits.js';
import { useTextWithoutNul } from './plugins/use-text-without-nul.js';
import { useQueryCost, type QueryCostSettings } from './plugins/use-query-cost.js';
import type { CostBuckets } from './cost/cost-buckets.js';
import { CostModel } from './cost/cost-model.js';
import { useSingleFetch } from './plugins/use-single-fetch.js';
import { useThrottledStatus } from './plugins/use-throttled-status.js';
import type { RouterContext } from './router-context.js';
import { SignedSubgraphDataSource } from './subgraph-fetch/signed-subgraph-data-source.js';

export interface FederatedGatewayOptions {
  supergraphSdl: string;
  /** Base URL of each subgraph by name. */
  subgraphUrls: Record<string, string>;
  agent: Agent;
  /** Merge identical in-flight subgraph queries of the same caller. */
  dedupe: boolean;
  /**
   * Answer operations the gateway plans as one fetch to one subgraph with that subgraph's reply, when it is the very
   * response the gateway would build (`useSingleFetch`); null to always let the gateway shape. The public schema as
   * @apollo/federation-internals builds it from the same supergraph.
   */
  singleFetch: { apiSchema: Schema } | null;
  /** How answers of plans of several fetches are shaped (`compiledResponseShaping`); null for the gateway's own shaping. */
  responseShaping: ResponseShaping | null;
  /** How big an operation may be (depth, aliases, root fields). */
  limits: OperationLimits;
  /** What one operation may cost and how fast a caller may spend (docs/architecture.md, "Query cost"). */
  cost: QueryCostSettings | null;
  costBuckets: CostBuckets;
  /** Automatic persisted queries and the safelist (`usePersistedOperations`). */
  persisted: PersistedOperations;
  /** Each subgraph's deadline. */
  bounds?: CallBounds;
  /** Each subgraph's circuit breaker. */
  breakers: CircuitBreakers;
  log: Logger;
}

export interface FederatedGateway {
  apollo: ApolloServer<RouterContext>;
  /** The data source of each subgraph, by name (subscription events run their plan's rest through them). */
  services: Record<string, SignedSubgraphDataSource>;
  /** How many responses the single-fetch path served, and how many it handed back to the gateway to shape. */
  singleFetchStats(): { served: number; handedBack: number };
}

/** Apollo's gateway on the supergraph, fetching from the subgraphs over undici with the caller signed. */
export async function startFederatedGateway(options: FederatedGatewayOptions): Promise<FederatedGateway> {
  const services: Record<string, SignedSubgraphDataSource> = {};
  const singleFetch = options.singleFetch ? useSingleFetch({ apiSchema: options.singleFetch.apiSchema, services }) : null;
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) =>
      (services[name] = new SignedSubgraphDataSource(`${options.subgraphUrls[name] ?? new URL(url!).origin}/graphql`, options.agent, {
        dedupe: options.dedupe,
        name,
        timeoutMs: deadlineFor(options.bounds, name),
        breaker: options.breakers.for(name),
      })),
    experimental_didResolveQueryPlan: singleFetch?.didResolveQueryPlan,
    experimental_responseShaping: options.responseShaping ?? undefined,
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
    stringifyResult: singleFetch?.stringifyResult,
    persistedQueries: options.persisted.apolloOption,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      logUnexpectedErrors<RouterContext>(options.log),
      options.persisted.plugin,
      useOperationLimits(options.limits),
      useTextWithoutNul(),
      ...(options.cost ? [useQueryCost({ model: CostModel.fromSupergraph(options.supergraphSdl), settings: options.cost, buckets: options.costBuckets, log: options.log })] : []),
      useThrottledStatus(),
      ...(singleFetch ? [singleFetch.plugin] : []),
    ],
  });
  await apollo.start();
  return { apollo, services, singleFetchStats: () => singleFetch?.stats() ?? { served: 0, handedBack: 0 } };
}
