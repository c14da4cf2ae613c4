import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type DocumentNode } from 'graphql';
import type { Agent } from 'undici';
import type { RequestContext } from '../context.js';
import { signedHeaders } from '../auth/signed-context.js';
import { DomainError, SubgraphUnavailableError, type ErrorCode } from '../errors.js';
import { DEFAULT_PEER_DEADLINE_MS, deadlineFor, type CallBounds } from './call-bounds.js';
import { CircuitBreakers } from './circuit-breaker.js';
import { entitiesQuery } from './entities-query.js';
import { inProcessPeers, peerAddress, type InProcessPeers, type LocalGraphQLExchange } from './in-process-peers.js';
import { keepAlivePool } from './keep-alive-pool.js';
import { withTimeout } from '../with-timeout.js';

type Caller = Pick<RequestContext, 'caller' | 'requestId'>;

/** A peer's answer, read whole (its text, when it was answered in the process). */
interface PeerAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer | string;
}

/** Statuses of a proxy or a server that cannot answer now: the peer is unavailable, a retry may help. */
const UNAVAILABLE_STATUSES = new Set([502, 503, 504]);

/**
 * Reads another subgraph's data on behalf of the current caller: the request is signed like the router's, with the
 * same caller and request id, so the other subgraph applies its own permission rules. Used where a write must
 * snapshot another domain's data (an order line's price); reads for clients go through the router instead.
 * A peer that is down, slow or failing is reported as SUBGRAPH_UNAVAILABLE (retryable), never as a hang: each call has a
 * deadline (`CallBounds`), and a peer's circuit breaker fails calls at once while it is known to be down.
 *
 * Requests go over keep-alive connections (`keepAlivePool`), not Node's global `fetch`: a WHATWG Request, Headers and
 * web streams per call cost several times the CPU, and a write reads from two peers before it starts. A peer served
 * by this very process at the configured address (`InProcessPeers`) is called without the socket: the same signed
 * headers, signature check and Apollo pipeline, the same deadline and circuit breaker.
 */
export class PeerClient {
  private readonly breakers: CircuitBreakers;
  private readonly pool: Agent;
  /** Each base URL as the pool addresses it (the URLs may be filled in after start). */
  private readonly targets = new Map<string, { origin: string; prefix: string; address: string }>();

  constructor(
    private readonly urls: Record<string, string>,
    private readonly secret: string,
    private readonly bounds: CallBounds = {},
    private readonly local: Pick<InProcessPeers, 'find'> = inProcessPeers,
  ) {
    this.breakers = new CircuitBreakers(bounds.circuit);
    this.pool = keepAlivePool({ timeoutMs: bounds.deadlineMs ?? DEFAULT_PEER_DEADLINE_MS });
  }

  /** Closes the idle connections; requests in flight finish first. */
  close(): Promise<void> {
    return this.pool.close();
  }

  async query<T>(ctx: Caller, subgraph: string, query: string, variables: Record<string, unknown>): Promise<T> {
    const local = this.local.find(this.target(subgraph).address);
    const answer = local
      ? await this.breakers.for(subgraph).run(() => this.callInProcess(ctx, subgraph, local, { query, variables }))
      : await this.send(ctx, subgraph, '/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    let body: { data?: T; errors?: { message: string; extensions?: { code?: ErrorCode } }[] };
    try {
      body = JSON.parse(typeof answer.body === 'string' ? answer.body : answer.body.toString('utf8')) as typeof body;
    } catch {
      throw new SubgraphUnavailableError(subgraph, `answered ${answer.status} without GraphQL`);
    }
    const error = body.errors?.[0];
    if (error) {
      // The peer's refusal reaches the client as the peer gave it, details included (INSUFFICIENT_STOCK's lines).
      if (error.extensions?.code && error.extensions.code !== 'INTERNAL_SERVER_ERROR') {
        const { code, ...details } = error.extensions;
        throw new DomainError(code, error.message, details);
      }
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

  /**
   * Runs a peer command: a mutation from `src/peers/<peer>.graphql`, typed by GraphQL Code Generator and checked by
   * `pnpm schema:check` against the peer's own schema (commands between subgraphs are `@inaccessible`: the router's
   * clients never see them). Used where one step of a write belongs to another domain (placing an order reserves its
   * stock); the peer's refusals keep their code and details.
   */
  async mutate<T, V extends Record<string, unknown>>(ctx: Caller, subgraph: string, document: TypedDocumentNode<T, V>, variables: V): Promise<T> {
    return this.query<T>(ctx, subgraph, printedOnce(document), variables);
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
    const answer = await this.send(ctx, subgraph, path, { method: 'GET' });
    if (answer.status < 200 || answer.status >= 300) {
      const detail = answer.body.toString().slice(0, 300);
      const code = REFUSALS[answer.status];
      if (code) throw new DomainError(code, `${subgraph} refused ${path}: ${detail}`);
      throw new Error(`${subgraph} answered ${answer.status} for ${path}: ${detail}`);
    }
    const contentType = answer.headers['content-type'];
    return { body: typeof answer.body === 'string' ? Buffer.from(answer.body) : answer.body, contentType: (Array.isArray(contentType) ? contentType[0] : contentType) ?? null };
  }

  /** `call`, unless the peer's circuit is open (then it fails at once); its outages count towards opening it. */
  private send(ctx: Caller, subgraph: string, path: string, init: { method: 'GET' | 'POST'; headers?: Record<string, string>; body?: string }): Promise<PeerAnswer> {
    return this.breakers.for(subgraph).run(() => this.call(ctx, subgraph, path, init));
  }

  /**
   * One exchange with a peer, signed for the caller, its answer read whole. Refused, reset, or silent for the
   * deadline (waiting for the answer's headers, or between two pieces of its body), or answering 502-504: the peer is
   * unavailable (SUBGRAPH_UNAVAILABLE, retryable). Any other answer is returned as it came.
   */
  private async call(ctx: Caller, subgraph: string, path: string, init: { method: 'GET' | 'POST'; headers?: Record<string, string>; body?: string }): Promise<PeerAnswer> {
    const target = this.target(subgraph);
    const timeoutMs = deadlineFor(this.bounds, subgraph, DEFAULT_PEER_DEADLINE_MS);
    let answer: PeerAnswer;
    try {
      const response = await this.pool.request({
        origin: target.origin,
        path: `${target.prefix}${path}`,
        method: init.method,
        headers: { ...init.headers, ...signedHeaders({ caller: ctx.caller, requestId: ctx.requestId }, this.secret) },
        body: init.body,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      answer = { status: response.statusCode, headers: response.headers, body: Buffer.from(await response.body.arrayBuffer()) };
    } catch (error) {
      const timedOut = TIMEOUTS.has((error as { code?: string }).code ?? '');
      throw new SubgraphUnavailableError(subgraph, timedOut ? `no answer within ${timeoutMs} ms` : 'it cannot be reached');
    }
    if (UNAVAILABLE_STATUSES.has(answer.status)) throw new SubgraphUnavailableError(subgraph, `answered ${answer.status}`);
    return answer;
  }

  /**
   * `call` for a peer served by this process: its GraphQL route answers without a socket, within the same deadline
   * (past it, SUBGRAPH_UNAVAILABLE, as over HTTP; the work itself is not cut short, as a peer's is not either). The
   * body is handed over, not copied: `query` builds it for this call and never reads it again.
   */
  private async callInProcess(ctx: Caller, subgraph: string, exchange: LocalGraphQLExchange, body: { query: string; variables: Record<string, unknown> }): Promise<PeerAnswer> {
    const timeoutMs = deadlineFor(this.bounds, subgraph, DEFAULT_PEER_DEADLINE_MS);
    const headers = { 'content-type': 'application/json', ...signedHeaders({ caller: ctx.caller, requestId: ctx.requestId }, this.secret) };
    const answer = await withTimeout(exchange(headers, body), timeoutMs, () => new SubgraphUnavailableError(subgraph, `no answer within ${timeoutMs} ms`));
    if (UNAVAILABLE_STATUSES.has(answer.status)) throw new SubgraphUnavailableError(subgraph, `answered ${answer.status}`);
    return { status: answer.status, headers: {}, body: answer.body };
  }

  private target(subgraph: string): { origin: string; prefix: string; address: string } {
    const base = this.urls[subgraph];
    if (!base) throw new SubgraphUnavailableError(subgraph, 'no address is known for it');
    let target = this.targets.get(base);
    if (!target) {
      const url = new URL(base);
      target = { origin: url.origin, prefix: url.pathname.replace(/\/$/, ''), address: peerAddress(base) };
      this.targets.set(base, target);
    }
    return target;
  }
}

/** undici's codes for a deadline that passed: connecting, waiting for the headers, between two pieces of the body. */
const TIMEOUTS = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

const REFUSALS: Record<number, ErrorCode> = { 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND' };

const printed = new WeakMap<DocumentNode, string>();

function printedOnce(document: DocumentNode): string {
  let text = printed.get(document);
  if (text === undefined) {
    text = print(document);
    printed.set(document, text);
  }
  return text;
}

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
