import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { CONTEXT_HEADER, DEFAULT_DEADLINE_MS, isPublicErrorCode, REQUEST_ID_HEADER, SubgraphUnavailableError, type CircuitBreaker } from '@erp/platform';
import { GraphQLError } from 'graphql';
import type { Agent } from 'undici';
import type { RouterContext } from '../router-context.js';
import { dedupeRepresentations } from './dedupe-representations.js';

export interface SubgraphFetchOptions {
  /** Merge identical subgraph queries in flight for the same caller (default on). */
  dedupe: boolean;
  /** The subgraph's name, as errors about it say. */
  name?: string;
  /** How long the subgraph may take to answer before the fetch fails as SUBGRAPH_UNAVAILABLE (default 10 s). */
  timeoutMs?: number;
  /** Fails fetches at once while the subgraph is known to be down (shared with everything that calls it). */
  breaker?: CircuitBreaker;
}

/** Statuses of a proxy or a server that cannot answer now: the subgraph is unavailable, a retry may help. */
const UNAVAILABLE_STATUSES = new Set([502, 503, 504]);

/** What a subgraph sent back, as it came over the wire. */
export interface SubgraphAnswer {
  status: number;
  text: string;
}

/** The operation a fetch sends to a subgraph. */
export interface SubgraphRequest {
  query: string;
  variables: Record<string, unknown> | undefined;
  operationName: string | undefined;
}

/**
 * A subgraph fetch already sent for this request (by the single-fetch path) whose answer the gateway should use rather
 * than send it again: a mutation must not run twice.
 */
export interface PrefetchedAnswer {
  source: SignedSubgraphDataSource;
  body: string;
  answer: Promise<SubgraphAnswer>;
}

type Response = { data?: unknown; errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[] };

const MUTATION = /^\s*mutation\b/;
const ENTITIES_FETCH = /\b_entities\s*\(\s*representations\s*:\s*\$representations\b/;

/**
 * Sends the gateway's subgraph fetches over undici's request API (the gateway's own data source builds a WHATWG
 * Request and a node-fetch Request per call), with the caller signed by the router and the request id.
 * Identical queries in flight for the same caller share one subgraph request; each gets its own parse of the
 * answer, because the gateway merges into the objects it receives.
 */
export class SignedSubgraphDataSource implements GraphQLDataSource<RouterContext> {
  private readonly inFlight = new Map<string, Promise<SubgraphAnswer>>();
  private readonly origin: string;
  private readonly path: string;
  private readonly host: string;

  constructor(
    url: string,
    private readonly agent: Agent,
    private readonly options: SubgraphFetchOptions = { dedupe: true },
  ) {
    const parsed = new URL(url);
    this.origin = parsed.origin;
    this.path = parsed.pathname;
    this.host = parsed.host;
  }

  private get name(): string {
    return this.options.name ?? this.host;
  }

  async process(options: GraphQLDataSourceProcessOptions<RouterContext>) {
    const { request } = options;
    const context = options.context as Partial<RouterContext>;
    const { body, deduped } = requestBody(request.query!, request.variables, request.operationName);
    const prefetched = context.prefetched?.findIndex((entry) => entry.source === this && entry.body === body) ?? -1;
    const pending = prefetched >= 0 ? context.prefetched!.splice(prefetched, 1)[0]!.answer : this.send(context, request.query!, body);
    const { status, text } = await pending;
    const parsed = JSON.parse(text) as Response;
    if (status >= 200 && status < 300) return (deduped ? deduped.expand(parsed) : parsed) as never;
    throw this.errorFrom(status, parsed);
  }

  /**
   * Sends an operation as `process` would (the same body, so `process` recognises it as prefetched), and answers the
   * subgraph's reply unparsed.
   */
  fetchAnswer(context: RouterContext, request: SubgraphRequest): { body: string; answer: Promise<SubgraphAnswer> } {
    const { body } = requestBody(request.query, request.variables, request.operationName);
    return { body, answer: this.send(context, request.query, body) };
  }

  private send(context: Partial<RouterContext>, query: string, body: string): Promise<SubgraphAnswer> {
    const mergeable = this.options.dedupe && context.callerKey !== undefined && !MUTATION.test(query);
    const key = mergeable ? `${context.callerKey}\n${body}` : null;
    let pending = key ? this.inFlight.get(key) : undefined;
    if (!pending) {
      pending = this.options.breaker ? this.options.breaker.run(() => this.post(context, body)) : this.post(context, body);
      if (key) {
        this.inFlight.set(key, pending);
        void pending.finally(() => this.inFlight.delete(key)).catch(() => undefined);
      }
    }
    return pending;
  }

  private async post(context: Partial<RouterContext>, body: string): Promise<SubgraphAnswer> {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (context.signedContext) {
      headers[CONTEXT_HEADER] = context.signedContext;
      headers[REQUEST_ID_HEADER] = context.requestId!;
    }
    const timeout = this.options.timeoutMs ?? DEFAULT_DEADLINE_MS;
    let answer: SubgraphAnswer;
    try {
      const response = await this.agent.request({ origin: this.origin, path: this.path, method: 'POST', headers, body, headersTimeout: timeout, bodyTimeout: timeout });
      answer = { status: response.statusCode, text: await response.body.text() };
    } catch (error) {
      // Refused, reset or silent past the deadline: an outage of this subgraph, which the answer names.
      const reason = (error as { code?: string }).code ?? (error as Error).message;
      throw new SubgraphUnavailableError(this.name, reason);
    }
    if (UNAVAILABLE_STATUSES.has(answer.status)) throw new SubgraphUnavailableError(this.name, `answered ${answer.status}`);
    return answer;
  }

  /** A subgraph answers 400 when it rejects a variable (e.g. a malformed Decimal): pass its error on as it is. */
  private errorFrom(status: number, body: Response): GraphQLError {
    const first = body.errors?.[0];
    const code = first?.extensions?.code;
    if (first && isPublicErrorCode(code)) return new GraphQLError(first.message, { extensions: { code } });
    return new GraphQLError(`${status}: subgraph ${this.host} refused the request`, { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  }
}

/** The body of a fetch, with entity representations sent once each (`deduped` spreads the answer back). */
function requestBody(query: string, variables: Record<string, unknown> | undefined, operationName: string | undefined) {
  // Only the gateway's entity fetches: a client's own `$representations` variable on a root field passes untouched.
  const deduped = ENTITIES_FETCH.test(query) ? dedupeRepresentations(variables) : null;
  return { body: JSON.stringify({ query, variables: deduped?.variables ?? variables, operationName }), deduped };
}
