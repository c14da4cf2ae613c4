import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { CONTEXT_HEADER, isPublicErrorCode, REQUEST_ID_HEADER } from '@erp/platform';
import { GraphQLError } from 'graphql';
import { Agent, fetch as undiciFetch } from 'undici';
import type { RouterContext } from '../router-context.js';

/**
 * Keep-alive connections to the subgraphs. The gateway's default fetcher opens sockets without bound and builds a
 * new request object per call; a small pool of persistent connections per subgraph is markedly faster.
 * The pool's idle timeout stays below the subgraphs' keep-alive (65 s), so we never reuse a socket they closed.
 */
export function subgraphAgent(): Agent {
  return new Agent({ connections: 32, keepAliveTimeout: 30_000, keepAliveMaxTimeout: 60_000 });
}

/** Every subgraph request carries the caller, signed by the router, and the request id. */
export class SignedSubgraphDataSource extends RemoteGraphQLDataSource<RouterContext> {
  constructor(url: string, agent: Agent) {
    super({
      url,
      fetcher: ((input: string, init: object) => undiciFetch(input, { ...init, dispatcher: agent })) as never,
    });
  }

  /**
   * A subgraph answers 400 when it rejects a variable (e.g. a malformed Decimal): pass its error on as it is, rather
   * than the gateway's opaque "400: Bad Request", which would be masked as an internal error.
   */
  override async errorFromResponse(response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0]): Promise<GraphQLError> {
    const error = await super.errorFromResponse(response);
    const body = (error.extensions.response as { body?: { errors?: { message: string; extensions?: { code?: string } }[] } }).body;
    const first = typeof body === 'object' ? body?.errors?.[0] : undefined;
    if (first && isPublicErrorCode(first.extensions?.code)) {
      return new GraphQLError(first.message, { extensions: { code: first.extensions!.code } });
    }
    return error;
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<RouterContext>): void {
    if (!context?.signedContext) return;
    request.http?.headers.set(CONTEXT_HEADER, context.signedContext);
    request.http?.headers.set(REQUEST_ID_HEADER, context.requestId);
  }
}
