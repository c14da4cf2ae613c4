import { CONTEXT_HEADER, REQUEST_ID_HEADER, signContext } from '../auth/signed-context.js';
import type { RequestContext } from '../context.js';
import { DomainError, type ErrorCode } from '../errors.js';

/**
 * Reads another subgraph's data on behalf of the current caller: the request is signed like the router's, with the
 * same caller and request id, so the other subgraph applies its own permission rules. Used where a write must
 * snapshot another domain's data (an order line's price); reads for clients go through the router instead.
 */
export class PeerClient {
  constructor(
    private readonly urls: Record<string, string>,
    private readonly secret: string,
  ) {}

  async query<T>(ctx: Pick<RequestContext, 'caller' | 'requestId'>, subgraph: string, query: string, variables: Record<string, unknown>): Promise<T> {
    const base = this.urls[subgraph];
    if (!base) throw new Error(`No URL known for subgraph ${subgraph}.`);
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [REQUEST_ID_HEADER]: ctx.requestId,
        [CONTEXT_HEADER]: signContext({ caller: ctx.caller, requestId: ctx.requestId }, this.secret),
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: { message: string; extensions?: { code?: ErrorCode } }[] };
    const error = body.errors?.[0];
    if (error) {
      if (error.extensions?.code && error.extensions.code !== 'INTERNAL_SERVER_ERROR') throw new DomainError(error.extensions.code, error.message);
      throw new Error(`${subgraph} answered: ${error.message}`);
    }
    return body.data as T;
  }
}
