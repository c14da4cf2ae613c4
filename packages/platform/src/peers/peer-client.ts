import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type DocumentNode } from 'graphql';
import type { RequestContext } from '../context.js';
import { signedHeaders } from '../auth/signed-context.js';
import { DomainError, SubgraphUnavailableError, type ErrorCode } from '../errors.js';
import { DEFAULT_PEER_DEADLINE_MS, deadlineFor, type CallBounds } from './call-bounds.js';
import { CircuitBreakers } from './circuit-breaker.js';
import { entitiesQuery } from './entities-query.js';

type Caller = Pick<RequestContext, 'caller' | 'requestId'>;

/**
 * Reads another subgraph's data on behalf of the current caller: the request is signed like the router's, with the
 * same caller and request id, so the other subgraph applies its own permission rules. Used where a write must
 * snapshot another domain's data (an order line's price); reads for clients go through the router instead.
 * A peer that is down, slow or failing is reported as SUBGRAPH_UNAVAILABLE (retryable), never as a hang: each call has a
 * deadline (`CallBounds`), and a peer's circuit breaker fails calls at once while it is known to be down.
 */
export class PeerClient {
  private readonly breakers: CircuitBreakers;

  constructor(
    private readonly urls: Record<string, string>,
    private readonly secret: string,
    private readonly bounds: CallBounds = {},
  ) {
    this.breakers = new CircuitBreakers(bounds.circuit);
  }

  async query<T>(ctx: Caller, subgraph: string, query: string, variables: Record<string, unknown>): Promise<T> {
    const response = await this.send(ctx, subgraph, '/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    let body: { data?: T; errors?: { message: string; extensions?: { code?: ErrorCode } }[] };
    try {
      body = (await response.json()) as typeof body;
    } catch {
      throw new SubgraphUnavailableError(subgraph, `answered ${response.status} without GraphQL`);
    }
    const error = body.errors?.[0];
    if (error) {
      if (error.extensions?.code && error.extensions.code !== 'INTERNAL_SERVER_ERROR') throw new DomainError(error.extensions.code, error.message);
      throw new Error(`${subgraph} answered: ${error.message}`);
    }
    return body.data as T;
  }

  /**
   * Reads entities of a peer by id, selecting exactly a fragment's fields: a peer operation from
   * `src/peers/<peer>.graphql`, typed by GraphQL Code Generator and checked by `pnpm schema:check`. One result per id,
   * in the ids' order; null where the peer does not know the id.
   */
  async entities<T>(ctx: Caller, subgraph: string, fragment: TypedDocumentNode<T, unknown>, ids: readonly string[]): Promise<(T | null)[]> {
    if (ids.length === 0) return [];
    const { typename, text } = builtQuery(fragment);
    const representations = ids.map((id) => ({ __typename: typename, id }));
    const data = await this.query<{ _entities: (T | null)[] }>(ctx, subgraph, text, { representations });
    return data._entities;
  }

  /** `entities` for one id. */
  async entity<T>(ctx: Caller, subgraph: string, fragment: TypedDocumentNode<T, unknown>, id: string): Promise<T | null> {
    const [found] = await this.entities(ctx, subgraph, fragment, [id]);
    return found ?? null;
  }

  /**
   * GETs a plain HTTP route of another subgraph (an invoice PDF) as bytes, signed like `query`. The peer's refusals
   * keep their meaning (401, 403, 404 become the matching domain errors); any other non-2xx answer is an Error.
   */
  async fetchBytes(ctx: Caller, subgraph: string, path: string): Promise<{ body: Buffer; contentType: string | null }> {
    const response = await this.send(ctx, subgraph, path, { method: 'GET' });
    if (!response.ok) {
      const detail = (await response.text()).slice(0, 300);
      const code = REFUSALS[response.status];
      if (code) throw new DomainError(code, `${subgraph} refused ${path}: ${detail}`);
      throw new Error(`${subgraph} answered ${response.status} for ${path}: ${detail}`);
    }
    return { body: Buffer.from(await response.arrayBuffer()), contentType: response.headers.get('content-type') };
  }

  private send(ctx: Caller, subgraph: string, path: string, init: { method: string; headers?: Record<string, string>; body?: string }): Promise<Response> {
    return this.breakers.for(subgraph).run(() => this.call(ctx, subgraph, path, init));
  }

  private async call(ctx: Caller, subgraph: string, path: string, init: { method: string; headers?: Record<string, string>; body?: string }): Promise<Response> {
    const base = this.urls[subgraph];
    if (!base) throw new SubgraphUnavailableError(subgraph, 'no address is known for it');
    const timeoutMs = deadlineFor(this.bounds, subgraph, DEFAULT_PEER_DEADLINE_MS);
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        ...init,
        headers: { ...init.headers, ...signedHeaders({ caller: ctx.caller, requestId: ctx.requestId }, this.secret) },
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      throw new SubgraphUnavailableError(subgraph, timedOut ? `no answer within ${timeoutMs} ms` : 'it cannot be reached');
    }
    if (response.status >= 502 && response.status <= 504) throw new SubgraphUnavailableError(subgraph, `answered ${response.status}`);
    return response;
  }
}

const REFUSALS: Record<number, ErrorCode> = { 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND' };

/** Each fragment's query text, printed on its first use: the documents are module constants, read on every request. */
const builtQueries = new WeakMap<DocumentNode, { typename: string; text: string }>();

function builtQuery(fragment: DocumentNode): { typename: string; text: string } {
  let built = builtQueries.get(fragment);
  if (!built) {
    const query = entitiesQuery(fragment);
    built = { typename: query.typename, text: print(query.document) };
    builtQueries.set(fragment, built);
  }
  return built;
}
