import type { Schema } from '@apollo/federation-internals';
import type { Experimental_DidResolveQueryPlanCallback } from '@apollo/gateway';
import { HeaderMap, type ApolloServerPlugin, type GraphQLRequestListener, type GraphQLResponse } from '@apollo/server';
import { getVariableValues, type FormattedExecutionResult } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { RouterContext } from '../router-context.js';
import { hasAnswerShape } from '../single-fetch/answer-shape.js';
import { fetchVariables, singleFetchPlan, type SingleFetchPlan } from '../single-fetch/single-fetch-plan.js';
import type { SignedSubgraphDataSource, SubgraphAnswer } from '../subgraph-fetch/signed-subgraph-data-source.js';

export interface SingleFetchOptions {
  /** The public schema as @apollo/federation-internals builds it from the supergraph (the gateway shapes against it). */
  apiSchema: Schema;
  /** The gateway's data source of each subgraph, by name. */
  services: Record<string, SignedSubgraphDataSource>;
}

const CLOSING_BRACE = 0x7d;
/** Operations whose plan is not a single fetch, remembered so they cost one lookup. */
const NO_SINGLE_FETCH = 'none';
/** After this many answers of one operation that had to be shaped after all, and more of them than not, stop trying. */
const GIVE_UP_AFTER = 32;

interface Entry {
  plan: SingleFetchPlan;
  served: number;
  shapedAnyway: number;
}

/** The subgraph's `data`, with the subgraph's reply when that reply is the router's response byte for byte. */
export class SubgraphData {
  constructor(
    readonly data: Record<string, unknown>,
    readonly reply: string | undefined,
  ) {}

  /** Anything that serialises the result without `stringifyResult` still writes the data itself. */
  toJSON(): Record<string, unknown> {
    return this.data;
  }
}

/**
 * When the gateway's plan for an operation is one fetch to one subgraph, sends that fetch itself and answers with the
 * subgraph's reply as it came, instead of the gateway parsing, shaping and re-serialising it: that is only done when the
 * response would be the same bytes. It is, when the subgraph answered `{"data":…}` alone (no errors, no extensions)
 * and that data already has the shape the gateway would give it (`hasAnswerShape`): the gateway then builds an equal
 * object, which Apollo serialises with `JSON.stringify` + "\n" just as the subgraph (Apollo too) did. Anything else is
 * handed back to the gateway with the fetch already answered (`RouterContext.prefetched`), so nothing is sent twice.
 *
 * Plans come from the gateway (`didResolveQueryPlan`), so an operation's first request always takes the usual path.
 * Everything Apollo does before execution still happens: parsing, validation, the plugins' hooks.
 */
export function useSingleFetch(options: SingleFetchOptions) {
  const plans = new LRUCache<string, Entry | typeof NO_SINGLE_FETCH>({ max: 5_000 });
  const stats = { served: 0, handedBack: 0 };

  const didResolveQueryPlan: Experimental_DidResolveQueryPlanCallback = ({ queryPlan, operationContext, requestContext }) => {
    const key = planKey(requestContext.queryHash, requestContext.request.operationName);
    if (plans.has(key)) return;
    const plan = singleFetchPlan(queryPlan, operationContext, options.apiSchema);
    plans.set(key, typeof plan === 'string' || !options.services[plan.fetch.serviceName] ? NO_SINGLE_FETCH : { plan, served: 0, shapedAnyway: 0 });
  };

  const listener: GraphQLRequestListener<RouterContext> = {
    async responseForOperation(requestContext): Promise<GraphQLResponse | null> {
      const { request, operation, contextValue } = requestContext;
      const entry = plans.get(planKey(requestContext.queryHash, request.operationName));
      if (entry === undefined || entry === NO_SINGLE_FETCH || !operation) return null;
      if (entry.shapedAnyway >= GIVE_UP_AFTER && entry.shapedAnyway > entry.served) return null;
      // The gateway adds the plan to the response's extensions on this header (outside production).
      if (request.http?.headers.has('apollo-query-plan-experimental')) return null;
      // Variables the gateway would refuse: let it answer with its errors.
      if (operation.variableDefinitions?.length && getVariableValues(requestContext.schema, operation.variableDefinitions, request.variables ?? {}).errors) return null;

      const { fetch, shape } = entry.plan;
      const source = options.services[fetch.serviceName]!;
      const sent = source.fetchAnswer(contextValue, { query: fetch.operation, variables: fetchVariables(fetch, request.variables), operationName: fetch.operationName });
      const data = await dataAsShaped(sent.answer, entry.plan, request.variables);
      if (data === null) {
        entry.shapedAnyway += 1;
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

  /** Apollo's serialisation (`JSON.stringify` + "\n"), except that a subgraph's reply that is the response goes as it is. */
  function stringifyResult(result: FormattedExecutionResult): string {
    const { data } = result as { data: unknown };
    if (data instanceof SubgraphData && data.reply !== undefined && result.errors === undefined && result.extensions === undefined) return data.reply;
    return `${JSON.stringify(result)}\n`;
  }

  return { didResolveQueryPlan, plugin, stringifyResult, stats: () => ({ ...stats }) };
}

function planKey(queryHash: string | undefined, operationName: string | null | undefined): string {
  return `${operationName ?? ''}\n${queryHash ?? ''}`;
}

/**
 * The subgraph's data when the gateway would return it unchanged, else null. A reply the router can pass on as it is
 * starts with `{"data":`, has no other member and ends with the one newline Apollo puts after `JSON.stringify` (which
 * never writes a raw newline inside: a pretty-printed reply is re-serialised).
 */
async function dataAsShaped(answer: Promise<SubgraphAnswer>, plan: SingleFetchPlan, variables: Record<string, unknown> | undefined): Promise<SubgraphData | null> {
  let reply: SubgraphAnswer;
  try {
    reply = await answer;
  } catch {
    return null;
  }
  const { status, text } = reply;
  if (status < 200 || status >= 300 || !text.startsWith('{"data":')) return null;
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return null;
  }
  let members = 0;
  for (const _ in parsed) members += 1;
  if (members !== 1 || !hasAnswerShape(parsed.data, plan.shape, variables)) return null;
  const verbatim = text.indexOf('\n') === text.length - 1 && text.charCodeAt(text.length - 2) === CLOSING_BRACE;
  return new SubgraphData(parsed.data as Record<string, unknown>, verbatim ? text : undefined);
}
