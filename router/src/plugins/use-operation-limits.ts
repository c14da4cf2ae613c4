import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type DocumentNode } from 'graphql';
import type { RouterContext } from '../router-context.js';
import { checkOperationLimits, type OperationLimits } from './operation-limits.js';

/**
 * Refuses an operation that breaks the limits once it is parsed and validated, before it is planned or any subgraph
 * is called. Apollo keeps one parsed document per distinct query text, so each is measured once.
 */
export function useOperationLimits(limits: OperationLimits): ApolloServerPlugin<RouterContext> {
  const checked = new WeakMap<DocumentNode, Map<string, GraphQLError | null>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, operationName, request }) {
          // Apollo leaves these to the gateway, whose plain Error would be masked as an internal one.
          if (!operation) {
            const message = operationName
              ? `The document has no operation named "${operationName}".`
              : 'The document holds several operations: name the one to run (operationName).';
            throw new GraphQLError(message, { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } } });
          }
          if (operation.operation === 'subscription' && request.http) {
            throw new GraphQLError('Subscriptions are served over WebSocket (graphql-transport-ws) at /graphql, not over HTTP.', {
              extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
            });
          }
          let byOperation = checked.get(document);
          if (!byOperation) checked.set(document, (byOperation = new Map()));
          const key = operationName ?? '';
          let error = byOperation.get(key);
          if (error === undefined) byOperation.set(key, (error = checkOperationLimits(document, operation, limits)));
          if (error) throw error;
        },
      };
    },
  };
}
