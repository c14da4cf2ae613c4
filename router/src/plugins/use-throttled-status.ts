import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { RouterContext } from '../router-context.js';

/** The longest wait the THROTTLED errors of a response ask for, or null when there is none. */
export function throttledRetryAfter(errors: readonly GraphQLFormattedError[] | undefined): number | null {
  let longest: number | null = null;
  for (const error of errors ?? []) {
    if (error.extensions?.code !== 'THROTTLED') continue;
    const seconds = Number(error.extensions.retryAfterSeconds);
    longest = Math.max(longest ?? 1, Number.isFinite(seconds) ? Math.ceil(seconds) : 1);
  }
  return longest;
}

/**
 * A response that a throttle refused (a THROTTLED error, whoever raised it — a subgraph's login throttle included)
 * and that carries no data answers HTTP 429 with `Retry-After`, so that HTTP clients and proxies back off without
 * reading GraphQL errors. A response with data keeps its status: part of it was served.
 */
export function useThrottledStatus(): ApolloServerPlugin<RouterContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          const retryAfter = throttledRetryAfter(errors);
          if (retryAfter === null) return;
          if (data && Object.values(data).some((value) => value !== null)) return;
          response.http.status = 429;
          response.http.headers.set('retry-after', String(retryAfter));
        },
      };
    },
  };
}
