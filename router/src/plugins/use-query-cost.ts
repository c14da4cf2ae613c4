import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { describeCaller, wholeNumberSetting, type Caller, type Logger } from '@erp/platform';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import type { CostBuckets, CostLimit, Withdrawal } from '../cost/cost-buckets.js';
import type { CostModel } from '../cost/cost-model.js';
import { CostCalculator, DEFAULT_COST_DEFAULTS, type CostDefaults, type PricedOperation } from '../cost/estimate-cost.js';
import { OperationPrices } from '../cost/operation-prices.js';
import type { RouterContext } from '../router-context.js';
import { SubgraphData } from '../single-fetch/subgraph-reply.js';

export interface QueryCostSettings {
  /** The most one operation may cost, whatever the caller's bucket holds. */
  maxCost: number;
  /** Every caller's bucket, unless its API key sets its own. */
  bucket: CostLimit;
  defaults: CostDefaults;
}

/**
 * Sized for staff frontends: one request may cost up to 50,000 points (fifty customers with twenty orders each and
 * their lines, products and invoices cost ~23,000); a caller holds two such requests and gets 5,000 points back a
 * second. Partners' keys are given smaller buckets of their own (`createApiKey(input: { costBucketSize, costRestoreRate })`).
 */
export const DEFAULT_QUERY_COST_SETTINGS: QueryCostSettings = {
  maxCost: 50_000,
  bucket: { maximumAvailable: 100_000, restoreRate: 5_000 },
  defaults: DEFAULT_COST_DEFAULTS,
};

/** ROUTER_MAX_COST, ROUTER_COST_BUCKET_SIZE, ROUTER_COST_RESTORE_RATE, ROUTER_COST_DEFAULT_LIST_SIZE. */
export function queryCostFromEnvironment(env: NodeJS.ProcessEnv = process.env): QueryCostSettings {
  const d = DEFAULT_QUERY_COST_SETTINGS;
  return {
    maxCost: wholeNumberSetting(env, 'ROUTER_MAX_COST', 1) ?? d.maxCost,
    bucket: {
      maximumAvailable: wholeNumberSetting(env, 'ROUTER_COST_BUCKET_SIZE', 1) ?? d.bucket.maximumAvailable,
      restoreRate: wholeNumberSetting(env, 'ROUTER_COST_RESTORE_RATE', 0) ?? d.bucket.restoreRate,
    },
    defaults: { ...d.defaults, listSize: wholeNumberSetting(env, 'ROUTER_COST_DEFAULT_LIST_SIZE', 0) ?? d.defaults.listSize },
  };
}

export interface QueryCostOptions {
  model: CostModel;
  settings: QueryCostSettings;
  buckets: CostBuckets;
  log: Logger;
}

/** Whose bucket a request draws on: its API key or user, else the address it came from. */
export function bucketOf(caller: Caller | null, clientAddress: string | undefined): string {
  return caller ? describeCaller(caller) : `address:${clientAddress ?? 'unknown'}`;
}

/** The bucket of a caller: its API key's own when the key has one. */
export function limitOf(caller: Caller | null, settings: QueryCostSettings): CostLimit {
  return (caller?.kind === 'apiKey' && caller.costLimit) || settings.bucket;
}

/**
 * Query cost at the router (docs/architecture.md, "Query cost"): each operation is priced from the schema's `@cost` and
 * `@listSize` once it is parsed and validated, before it is planned or any subgraph is called. Above the most one
 * operation may cost it is refused (`MAX_COST_EXCEEDED`); otherwise its requested cost is taken from the caller's
 * bucket (`THROTTLED` when the bucket holds less, which `useThrottledStatus` answers with HTTP 429 and Retry-After), and
 * what the response did not spend is given back. Every response says what it cost in `extensions.cost`.
 */
export function useQueryCost(options: QueryCostOptions): ApolloServerPlugin<RouterContext> {
  const { settings, buckets, log } = options;
  const prices = new WeakMap<GraphQLSchema, OperationPrices>();
  const pricesFor = (schema: GraphQLSchema) => {
    let known = prices.get(schema);
    if (!known) prices.set(schema, (known = new OperationPrices(schema, options.model, new CostCalculator(schema, options.model, settings.defaults))));
    return known;
  };

  return {
    async requestDidStart(): Promise<GraphQLRequestListener<RouterContext>> {
      let priced: PricedOperation | null = null;
      let withdrawal: Withdrawal | null = null;
      let limit: CostLimit | null = null;
      let bucket = '';
      return {
        async didResolveOperation({ document, operation, request, schema, contextValue }) {
          if (!operation) return;
          // Null for variables the gateway will refuse (it answers with its own errors, and no subgraph is called); a
          // remembered shape is not coerced again, so invalid values of a known shape are charged, then all refunded.
          priced = pricesFor(schema).price(document, operation, request.variables);
          if (!priced) return;
          const requested = priced.requested;
          limit = limitOf(contextValue.caller, settings);
          bucket = bucketOf(contextValue.caller, contextValue.clientAddress);
          const ceiling = Math.min(settings.maxCost, limit.maximumAvailable);
          if (requested > ceiling) {
            throw new GraphQLError(
              `The operation costs ${requested} points, more than the ${ceiling} one request may cost. Ask for smaller pages (\`first\`) or fewer nested lists.`,
              { extensions: { code: 'MAX_COST_EXCEEDED', cost: requested, maximumCost: ceiling, http: { status: 400 } } },
            );
          }
          try {
            withdrawal = await buckets.withdraw(bucket, requested, limit);
          } catch (error) {
            // The buckets' store is down: the ceiling above still holds; throttling resumes when it is back.
            log.warn({ err: error }, 'query cost buckets unavailable; request not throttled');
            return;
          }
          if (!withdrawal.allowed) {
            const retryAfterSeconds = Math.max(1, Math.ceil(withdrawal.retryAfterMs / 1000));
            throw new GraphQLError(
              `Throttled: the operation costs ${requested} points and ${Math.floor(withdrawal.currentlyAvailable)} are available; ${limit.restoreRate} come back every second. Retry in ${retryAfterSeconds} s.`,
              // HTTP 429 and Retry-After come from useThrottledStatus, as for any THROTTLED refusal.
              { extensions: { code: 'THROTTLED', retryAfterSeconds } },
            );
          }
        },

        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          limit ??= limitOf(contextValue.caller, settings);
          bucket ||= bucketOf(contextValue.caller, contextValue.clientAddress);
          let actual = 0;
          let available: number | null = null;
          if (withdrawal?.allowed && priced) {
            const data = result.data instanceof SubgraphData ? result.data.data : result.data;
            actual = priced.actual(data);
            const unspent = Math.max(0, priced.requested - actual);
            available = Math.min(limit.maximumAvailable, withdrawal.currentlyAvailable + unspent);
            if (unspent > 0) buckets.refund(bucket, unspent, limit);
          } else if (withdrawal) {
            available = withdrawal.currentlyAvailable;
          } else {
            // Refused before it was priced or charged (a malformed or over-expensive operation): what the bucket holds.
            available = await buckets.withdraw(bucket, 0, limit).then((peek) => peek.currentlyAvailable, () => null);
          }
          result.extensions = {
            ...result.extensions,
            cost: {
              requestedQueryCost: priced?.requested ?? 0,
              actualQueryCost: actual,
              throttleStatus: {
                maximumAvailable: limit.maximumAvailable,
                currentlyAvailable: available === null ? null : Math.floor(available),
                restoreRate: limit.restoreRate,
              },
            },
          };
        },
      };
    },
  };
}
