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

  /**
   * GETs a plain HTTP route of another subgraph (an invoice PDF) as bytes, signed like `query`. The peer's refusals
   * keep their meaning (401, 403, 404 become the matching domain errors); any other non-2xx answer is an Error.
   */
  async fetchBytes(ctx: Pick<RequestContext, 'caller' | 'requestId'>, subgraph: string, path: string): Promise<{ body: Buffer; contentType: string | null }> {
    const base = this.urls[subgraph];
    if (!base) throw new Error(`No URL known for subgraph ${subgraph}.`);
    const response = await fetch(`${base}${path}`, {
      headers: {
        [REQUEST_ID_HEADER]: ctx.requestId,
        [CONTEXT_HEADER]: signContext({ caller: ctx.caller, requestId: ctx.requestId }, this.secret),
      },
      signal: AbortSignal.timeout(PEER_ROUTE_TIMEOUT_MS),
    });
    if (!response.ok) {
      const detail = (await response.text()).slice(0, 300);
      const code = REFUSALS[response.status];
      if (code) throw new DomainError(code, `${subgraph} refused ${path}: ${detail}`);
      throw new Error(`${subgraph} answered ${response.status} for ${path}: ${detail}`);
    }
    return { body: Buffer.from(await response.arrayBuffer()), contentType: response.headers.get('content-type') };
  }
}

const PEER_ROUTE_TIMEOUT_MS = 30_000;
const REFUSALS: Record<number, ErrorCode> = { 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND' };
