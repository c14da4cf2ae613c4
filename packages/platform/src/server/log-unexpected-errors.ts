import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { Logger } from 'pino';
import { isExpectedError } from './mask-errors.js';

/**
 * Logs the errors a client sees masked (anything not raised on purpose), with the request's own log so the line
 * carries its request id; `fallbackLog` when the request has no context yet.
 */
export function logUnexpectedErrors<TContext extends BaseContext & { log?: Logger }>(fallbackLog: Logger): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            if (!isExpectedError(error)) (contextValue?.log ?? fallbackLog).error({ err: error.originalError ?? error, path: error.path }, 'unexpected error');
          }
        },
      };
    },
  };
}
