import { randomUUID } from 'node:crypto';
import { signedHeaders, type Caller, type Logger, type ResumePoint } from '@erp/platform';
import { createClient, type Client, type ExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';

export interface UpstreamSink {
  next(result: ExecutionResult): void;
  error(error: unknown): void;
  complete(): void;
}

/** Reconnection waits: quick at first (a subgraph restarting is back in a second or two), never more than ~3 s. */
const retryWait = (retries: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.min(250 * 2 ** retries, 3_000) + Math.random() * 250));

/**
 * The extensions of an upstream subscription, computed each time graphql-ws sends it (it serialises the payload on
 * every send, and sends it again on every reconnection): a fresh signature, since the first may have expired by
 * then, and on a resend, where to resume.
 */
export class UpstreamExtensions {
  constructor(
    private readonly sign: () => Record<string, string>,
    private readonly resume: () => ResumePoint | null,
    /** Whether this subscription was made before (then even its first send resumes). */
    private sent: boolean,
  ) {}

  toJSON(): Record<string, unknown> {
    const resume = this.sent ? this.resume() : null;
    this.sent = true;
    return { ...this.sign(), ...(resume ? { resume } : {}) };
  }
}

/**
 * One graphql-ws connection from the router to each subgraph, shared by every subscription the router makes there.
 * The connection opens with a router signature; each subscription carries the caller it is made for, signed. When
 * the connection breaks, graphql-ws connects again and makes each subscription again, with where to resume.
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
      retryWait,
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

  /**
   * Subscribes on a subgraph as `caller`; returns the unsubscribe function. `resume` says where the subscription picks
   * up when it is sent again; `resuming` when the caller makes it again itself (after an error), so that its first send
   * resumes too.
   */
  subscribe(
    subgraph: string,
    request: { query: string; variables: Record<string, unknown>; caller: Caller | null; resume: () => ResumePoint | null; resuming?: boolean },
    sink: UpstreamSink,
  ): () => void {
    const sign = () => signedHeaders({ caller: request.caller, requestId: `sub-${randomUUID()}` }, this.routerSecret);
    const extensions = new UpstreamExtensions(sign, request.resume, request.resuming ?? false);
    return this.client(subgraph).subscribe({ query: request.query, variables: request.variables, extensions: extensions as never }, sink);
  }

  async close(): Promise<void> {
    await Promise.all([...this.clients.values()].map((client) => client.dispose()));
    this.clients.clear();
  }
}
