import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { CONTEXT_HEADER, isPublicErrorCode, REQUEST_ID_HEADER } from '@erp/platform';
import { GraphQLError } from 'graphql';
import type { Agent } from 'undici';
import type { RouterContext } from '../router-context.js';
import { dedupeRepresentations } from './dedupe-representations.js';

export interface SubgraphFetchOptions {
  /** Merge identical subgraph queries in flight for the same caller (default on). */
  dedupe: boolean;
}

type Response = { data?: unknown; errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[] };

/**
 * Sends the gateway's subgraph fetches over undici's request API (the gateway's own data source builds a WHATWG
 * Request and a node-fetch Request per call), with the caller signed by the router and the request id.
 * Identical queries in flight for the same caller share one subgraph request; each gets its own parse of the
 * answer, because the gateway merges into the objects it receives.
 */
export class SignedSubgraphDataSource implements GraphQLDataSource<RouterContext> {
  private readonly inFlight = new Map<string, Promise<{ status: number; text: string }>>();
  private readonly url: URL;

  constructor(
    url: string,
    private readonly agent: Agent,
    private readonly options: SubgraphFetchOptions = { dedupe: true },
  ) {
    this.url = new URL(url);
  }

  async process(options: GraphQLDataSourceProcessOptions<RouterContext>) {
    const { request } = options;
    const context = options.context as Partial<RouterContext>;
    const deduped = dedupeRepresentations(request.variables);
    const body = JSON.stringify({ query: request.query, variables: deduped?.variables ?? request.variables, operationName: request.operationName });
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (context.signedContext) {
      headers[CONTEXT_HEADER] = context.signedContext;
      headers[REQUEST_ID_HEADER] = context.requestId!;
    }
    const mergeable = this.options.dedupe && context.callerKey !== undefined && !/^\s*mutation\b/.test(request.query ?? '');
    const key = mergeable ? `${context.callerKey}\n${body}` : null;
    let pending = key ? this.inFlight.get(key) : undefined;
    if (!pending) {
      pending = this.send(headers, body);
      if (key) {
        this.inFlight.set(key, pending);
        void pending.finally(() => this.inFlight.delete(key)).catch(() => undefined);
      }
    }
    const { status, text } = await pending;
    const parsed = JSON.parse(text) as Response;
    if (status >= 200 && status < 300) return (deduped ? deduped.expand(parsed) : parsed) as never;
    throw this.errorFrom(status, parsed);
  }

  private async send(headers: Record<string, string>, body: string): Promise<{ status: number; text: string }> {
    const response = await this.agent.request({ origin: this.url.origin, path: this.url.pathname, method: 'POST', headers, body });
    return { status: response.statusCode, text: await response.body.text() };
  }

  /** A subgraph answers 400 when it rejects a variable (e.g. a malformed Decimal): pass its error on as it is. */
  private errorFrom(status: number, body: Response): GraphQLError {
    const first = body.errors?.[0];
    const code = first?.extensions?.code;
    if (first && isPublicErrorCode(code)) return new GraphQLError(first.message, { extensions: { code } });
    return new GraphQLError(`${status}: subgraph ${this.url.host} refused the request`, { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  }
}
