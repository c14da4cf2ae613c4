import type { IncomingMessage } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { apolloHandler, type HttpHandler, type Logger } from '@erp/platform';
import { GraphQLError } from 'graphql';
import { readCredentials, type Authenticate } from '../plugins/use-auth.js';
import type { ContextFor } from '../plugins/use-signed-context.js';
import { assignRequestId } from '../request-id.js';
import type { RouterContext } from '../router-context.js';

export interface GraphqlRouteOptions {
  apollo: ApolloServer<RouterContext>;
  authenticate: Authenticate;
  contextFor: ContextFor;
  /** The client's address (see client-address.ts), signed into the context for per-address limits. */
  clientAddress: (req: IncomingMessage) => string | null;
  log: Logger;
}

/**
 * GraphQL over HTTP on /graphql: bad credentials answer 401, an identity that cannot check an API key 503; none make an
 * anonymous caller (login must work).
 */
export function graphqlRoute(options: GraphqlRouteOptions): HttpHandler {
  return apolloHandler(options.apollo, async (req, res) => {
    const requestId = assignRequestId(req, res);
    let caller;
    try {
      caller = await options.authenticate(readCredentials(req.headers), requestId);
    } catch (error) {
      if (error instanceof GraphQLError) {
        const status = error.extensions.code === 'SUBGRAPH_UNAVAILABLE' ? 503 : 401;
        throw new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status } } });
      }
      options.log.error({ err: error, requestId }, 'authentication failed');
      throw error;
    }
    return options.contextFor(caller, requestId, options.clientAddress(req));
  });
}
