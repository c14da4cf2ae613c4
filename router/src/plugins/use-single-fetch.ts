import type { Schema } from '@apollo/federation-internals';
import type { Experimental_DidResolveQueryPlanCallback } from '@apollo/gateway';
import { HeaderMap, type ApolloServerPlugin, type GraphQLRequestListener, type GraphQLResponse } from '@apollo/server';
import { getVariableValues } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { RouterContext } from '../router-context.js';
import { fetchVariables, singleFetchPlan, type SingleFetchPlan } from '../single-fetch/single-fetch-plan.js';
import { MISSHAPEN, readReply, stringifyResult, SubgraphData } from '../single-fetch/subgraph-reply.js';
import type { SignedSubgraphDataSource } from '../subgraph-fetch/signed-subgraph-data-source.js';

export interface SingleFetchOptions {
  /** The public schema as @apollo/federation-internals builds it from the supergraph (the gateway shapes against it). */
  apiSchema: Schema;
  /** The gateway's data source of each subgraph, by name. */
  services: Record<string, SignedSubgraphDataSource>;
}

/** Operations whose plan is not a single fetch, remembered so they cost one lookup. */
const NO_SINGLE_FETCH = 'none';
/**
 * After this many replies of one operation whose data had another shape than the response's (and more of them than
 * served), stop trying: such an operation always needs shaping (e.g. `__typename` last: the plan asks for it first).
 */
const GIVE_UP_AFTER = 32;

interface Entry {
  plan: SingleFetchPlan;
  served: number;
  misshapen: number;
}

/**
 * When the gateway's plan for an operation is one fetch to one subgraph, sends that fetch itself and answers with the
 * subgraph's reply as it came, instead of the gateway parsing, shaping and re-serialising it — only when the response
 * would be the same bytes: the subgraph answered `{"data":…}` alone and that data already has the shape the gateway
 * would give it (`hasAnswerShape`), so the gateway would build an equal object and Apollo serialise it as the subgraph
 * (Apollo too) did. Anything else is handed back to the gateway with the fetch already answered
 * (`RouterContext.prefetched`): it shapes and reports errors as always, and nothing is sent twice.
 *
 * Plans come from the gateway (`didResolveQueryPlan`), so an operation's first request always takes the usual path.
 * All that Apollo does before execution still happens: parsing, validation, the plugins' hooks.
 */
export function useSingleFetch(options: SingleFetchOptions) {
  const plans = new LRUCache<string, Entry | typeof NO_SINGLE_FETCH>({ max: 5_000 });
  const stats = { served: 0, handedBack: 0 };

  const didResolveQueryPlan: Experimental_DidResolveQueryPlanCallback = ({ queryPlan, operationContext, requestContext }) => {
    const key = planKey(requestContext.queryHash, requestContext.request.operationName);
    if (plans.has(key)) return;
    const plan = singleFetchPlan(queryPlan, operationContext, options.apiSchema);
    plans.set(key, typeof plan === 'string' || !options.services[plan.fetch.serviceName] ? NO_SINGLE_FETCH : { plan, served: 0, misshapen: 0 });
  };

  const listener: GraphQLRequestListener<RouterContext> = {
    async responseForOperation(requestContext): Promise<GraphQLResponse | null> {
      const { request, operation, contextValue } = requestContext;
      const entry = plans.get(planKey(requestContext.queryHash, request.operationName));
      if (entry === undefined || entry === NO_SINGLE_FETCH || !operation) return null;
      if (entry.misshapen >= GIVE_UP_AFTER && entry.misshapen > entry.served) return null;
      // The gateway adds the plan to the response's extensions on this header (outside production).
      if (request.http?.headers.has('apollo-query-plan-experimental')) return null;
      // Variables the gateway would refuse: let it answer with its errors.
      if (operation.variableDefinitions?.length && getVariableValues(requestContext.schema, operation.variableDefinitions, request.variables ?? {}).errors) return null;

      const { fetch, shape } = entry.plan;
      const source = options.services[fetch.serviceName]!;
      const sent = source.fetchAnswer(contextValue, { query: fetch.operation, variables: fetchVariables(fetch, request.variables), operationName: fetch.operationName });
      const data = await readReply(sent.answer, shape, request.variables);
      if (!(data instanceof SubgraphData)) {
        if (data === MISSHAPEN) entry.misshapen += 1;
        stats.handedBack += 1;
        (contextValue.prefetched ??= []).push({ source, body: sent.body, answer: sent.answer });
        return null;
      }
      entry.served += 1;
      stats.served += 1;
      return { http: { headers: new HeaderMap() }, body: { kind: 'single', singleResult: { data: data as never } } };
    },
  };

  const plugin: ApolloServerPlugin<RouterContext> = {
    async requestDidStart() {
      return listener;
    },
  };

  return { didResolveQueryPlan, plugin, stringifyResult, stats: () => ({ ...stats }) };
}

function planKey(queryHash: string | undefined, operationName: string | null | undefined): string {
  return `${operationName ?? ''}\n${queryHash ?? ''}`;
}
