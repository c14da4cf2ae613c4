import type { ApolloServerPlugin } from '@apollo/server';
import type { DocumentNode, GraphQLError } from 'graphql';
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
        async didResolveOperation({ document, operation, operationName }) {
          if (!operation) return;
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
