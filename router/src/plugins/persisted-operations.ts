import type { ApolloServerOptions, ApolloServerPlugin, GraphQLResponse } from '@apollo/server';
import { GraphQLError, Kind, type GraphQLFormattedError, type OperationDefinitionNode } from 'graphql';
import type { RouterContext } from '../router-context.js';
import { sha256Hex, type OperationManifest } from './persisted-operation-manifest.js';
import { NOTHING_KEPT, PERSISTED_QUERY_TTL_SECONDS, type PersistedQueryStore } from './persisted-query-store.js';

/**
 * `apq` (default): automatic persisted queries for everyone, plus the manifest's operations known from the start;
 * `safelist`: only the manifest's operations run; `off`: neither (a persisted-query request is refused).
 */
export type PersistedOperationsMode = 'apq' | 'safelist' | 'off';

export const NOT_IN_SAFELIST = 'PERSISTED_QUERY_NOT_IN_SAFELIST';

export interface PersistedOperationsOptions {
  mode?: PersistedOperationsMode;
  /** Registered operations by hash (`loadOperationManifest`); required in safelist mode. */
  manifest?: OperationManifest;
  /** Where automatically persisted queries are kept (Redis across instances); Apollo's in-memory cache otherwise. */
  store?: PersistedQueryStore;
}

export interface PersistedOperations {
  mode: PersistedOperationsMode;
  /** Apollo Server's `persistedQueries` option. */
  apolloOption: ApolloServerOptions<RouterContext>['persistedQueries'];
  plugin: ApolloServerPlugin<RouterContext>;
  /** For what does not pass through Apollo (subscriptions over the socket): the refusal of an unregistered document, or null. */
  refusal(query: string | undefined): GraphQLFormattedError | null;
}

export function persistedOperationsModeFromEnvironment(env: NodeJS.ProcessEnv = process.env): PersistedOperationsMode {
  const mode = env.ROUTER_PERSISTED_OPERATIONS || 'apq';
  if (mode !== 'apq' && mode !== 'safelist' && mode !== 'off') {
    throw new Error(`ROUTER_PERSISTED_OPERATIONS must be apq, safelist or off (was ${mode}).`);
  }
  return mode;
}

function notInSafelist(): GraphQLError {
  return new GraphQLError(
    'This server runs only registered operations, and this one is not registered: add it to the persisted operations manifest (pnpm operations:manifest) and deploy it.',
    { extensions: { code: NOT_IN_SAFELIST, http: { status: 400 } } },
  );
}

function malformedPersistedQuery(persisted: { version?: unknown; sha256Hash?: unknown }, query: string | undefined): GraphQLError | null {
  const badRequest = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_REQUEST' } });
  if (persisted.version !== 1) return badRequest('Only version 1 of persisted queries is supported (extensions.persistedQuery.version: 1).');
  if (typeof persisted.sha256Hash !== 'string') return badRequest('extensions.persistedQuery.sha256Hash must be the hex SHA-256 of the query.');
  if (query !== undefined && sha256Hex(query) !== persisted.sha256Hash) {
    return badRequest('extensions.persistedQuery.sha256Hash is not the SHA-256 of the query sent with it; nothing was registered.');
  }
  return null;
}

function replaceErrors(response: GraphQLResponse, error: GraphQLError, status: number): void {
  if (response.body.kind !== 'single') return;
  response.body.singleResult.errors = [{ message: error.message, extensions: { code: error.extensions.code } }];
  response.http.status = status;
}

/** Introspection alone is governed by the introspection setting (off in production), not by the safelist. */
function onlyIntrospection(operation: OperationDefinitionNode): boolean {
  return operation.selectionSet.selections.every((selection) => selection.kind === Kind.FIELD && selection.name.value.startsWith('__'));
}

/**
 * Apollo's automatic persisted queries (`extensions.persistedQuery { version: 1, sha256Hash }`, over GET and POST:
 * an unknown hash answers PERSISTED_QUERY_NOT_FOUND and the client sends the query with its hash to register it),
 * with the manifest's operations known without registration. In safelist mode nothing can be registered and every
 * other operation, by hash or by text, answers PERSISTED_QUERY_NOT_IN_SAFELIST before it is planned.
 */
export function usePersistedOperations(options: PersistedOperationsOptions): PersistedOperations {
  const mode = options.mode ?? 'apq';
  const manifest: OperationManifest = options.manifest ?? new Map();
  if (mode === 'safelist' && manifest.size === 0) {
    throw new Error('The safelist mode needs a manifest of registered operations (ROUTER_PERSISTED_OPERATIONS_MANIFEST).');
  }
  const safelist = mode === 'safelist';
  const plugin: ApolloServerPlugin<RouterContext> = {
    async requestDidStart({ request }) {
      const persisted = request.extensions?.persistedQuery as { version?: unknown; sha256Hash?: unknown } | undefined;
      if (mode !== 'off' && request.query === undefined && typeof persisted?.sha256Hash === 'string') {
        // Apollo checks the hash against this text as it would a registration.
        request.query = manifest.get(persisted.sha256Hash);
      }
      // Apollo refuses these with an error that has no code, which would reach the client masked as internal.
      const malformed = mode === 'off' || !persisted ? null : malformedPersistedQuery(persisted, request.query);
      if (malformed) return { willSendResponse: async ({ response }) => replaceErrors(response, malformed, 400) };
      if (!safelist) return {};
      return {
        async didResolveOperation({ queryHash, operation }) {
          if (operation && !manifest.has(queryHash) && !onlyIntrospection(operation)) throw notInSafelist();
        },
        async willSendResponse({ response }) {
          // A hash it does not know: not "not found", which would have the client register it.
          if (response.body.kind !== 'single') return;
          const errors = response.body.singleResult.errors;
          if (errors?.some((error) => error.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND')) replaceErrors(response, notInSafelist(), 400);
        },
      };
    },
  };
  return {
    mode,
    apolloOption: mode === 'off' ? false : { cache: safelist ? NOTHING_KEPT : options.store, ttl: PERSISTED_QUERY_TTL_SECONDS },
    plugin,
    refusal: (query) => {
      if (!safelist || (query !== undefined && manifest.has(sha256Hex(query)))) return null;
      const error = notInSafelist();
      return { message: error.message, extensions: { code: NOT_IN_SAFELIST } };
    },
  };
}
