import { randomUUID } from 'node:crypto';
import { signedHeaders, type Caller, type Logger } from '@erp/platform';
import { createClient, type Client, type ExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';

export interface UpstreamSink {
  next(result: ExecutionResult): void;
  error(error: unknown): void;
  complete(): void;
}

/**
 * One graphql-ws connection from the router to each subgraph, shared by every subscription the router makes there.
 * The connection opens with a router signature; each subscription carries the caller it is made for, signed.
 */
export class SubgraphSockets {
  private readonly clients = new Map<string, Client>();

  constructor(
    private readonly subgraphUrls: Record<string, string>,
    private readonly routerSecret: string,
    private readonly log: Logger,
  ) {}

  private client(subgraph: string): Client {
    let client = this.clients.get(subgraph);
    if (client) return client;
    const base = this.subgraphUrls[subgraph];
    if (!base) throw new Error(`No URL for subgraph ${subgraph}`);
    client = createClient({
      url: `${base.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      lazy: true,
      lazyCloseTimeout: 5_000,
      keepAlive: 15_000,
      retryAttempts: Number.POSITIVE_INFINITY,
      shouldRetry: () => true,
      connectionParams: () => {
        const requestId = `ws-${randomUUID()}`;
        return signedHeaders({ caller: { kind: 'router' }, requestId }, this.routerSecret);
      },
      on: { closed: (event) => this.log.debug({ subgraph, code: (event as { code?: number }).code }, 'subgraph socket closed') },
    });
    this.clients.set(subgraph, client);
    return client;
  }

  /** Subscribes on a subgraph as `caller`; returns the unsubscribe function. */
  subscribe(subgraph: string, request: { query: string; variables: Record<string, unknown>; caller: Caller | null }, sink: UpstreamSink): () => void {
    const requestId = `sub-${randomUUID()}`;
    return this.client(subgraph).subscribe(
      {
        query: request.query,
        variables: request.variables,
        extensions: signedHeaders({ caller: request.caller, requestId }, this.routerSecret),
      },
      sink,
    );
  }

  async close(): Promise<void> {
    await Promise.all([...this.clients.values()].map((client) => client.dispose()));
    this.clients.clear();
  }
}
