import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ApolloServer } from '@apollo/server';
import { SOCKET_CLOSE_TIMEOUT_MS, within, type Caller, type Logger } from '@erp/platform';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { WebSocketServer, type WebSocket } from 'ws';
import { readCredentials, type Authenticate } from '../plugins/use-auth.js';
import type { ContextFor } from '../plugins/use-signed-context.js';
import { requestIdFrom } from '../request-id.js';
import type { RouterContext } from '../router-context.js';
import { writeFrame } from './frame-writer.js';
import type { SubscriptionHub } from './subscription-hub.js';
import type { SubscriptionPlanner } from './subscription-planner.js';
import { Close, nextFrame, parseClientMessage, SUBPROTOCOL, type SubscribePayload } from './ws-protocol.js';

export interface WsEndpointOptions {
  server: Server;
  apollo: ApolloServer<RouterContext>;
  planner: SubscriptionPlanner;
  hub: SubscriptionHub;
  authenticate: Authenticate;
  contextFor: ContextFor;
  log: Logger;
  /** Refuses a subscription the safelist does not hold (queries and mutations meet it in Apollo). */
  refusal?: (query: string | undefined) => GraphQLFormattedError | null;
  /** How long a client may take to send connection_init. */
  initTimeoutMs?: number;
  /** On close, how long queries and mutations sent over a socket get to be answered before it closes anyway. */
  executeTimeoutMs?: number;
}

/** Credentials in connection_init: `{ Authorization: "Bearer …" }`, `{ "x-api-key": … }` or `{ token }`. */
function credentialsOf(params: Record<string, unknown>): { bearer?: string; apiKey?: string } {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(params)) if (typeof value === 'string') headers[name.toLowerCase()] = value;
  if (!headers.authorization && headers.token) headers.authorization = `Bearer ${headers.token}`;
  return readCredentials(headers);
}

/**
 * One client connection. Kept small on purpose: a dashboard router holds ten thousand of them, so each is a socket,
 * its caller and a map of its operations, and every event reaches it as a frame built around JSON serialised once.
 */
class Connection {
  private caller: Caller | null = null;
  private initialising = false;
  private readonly operations = new Map<string, () => void>();
  private readonly initTimer: NodeJS.Timeout;
  /** Queries and mutations sent over the socket and not answered yet: going away waits for them. */
  private readonly executing = new Set<Promise<void>>();
  private leaving = false;

  constructor(
    private readonly socket: WebSocket,
    /** The connection under `socket`, for writing pre-built frames in one write. */
    private readonly raw: Duplex,
    private readonly options: WsEndpointOptions,
  ) {
    this.initTimer = setTimeout(() => this.close(Close.ConnectionInitialisationTimeout, 'Connection initialisation timeout'), options.initTimeoutMs ?? 5_000);
    socket.on('message', (data, isBinary) => void this.receive(isBinary ? '' : data.toString()));
    socket.on('close', () => this.dispose());
    socket.on('error', () => this.dispose());
  }

  private send(frame: string): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(frame);
  }

  private close(code: number, reason: string): void {
    this.socket.close(code, reason);
    this.dispose();
  }

  /**
   * The router is stopping: takes no new operation (the client sends it again after reconnecting), answers the
   * queries and mutations in flight — a mutation the client saw fail must not have happened — then closes with 1001.
   */
  async goAway(timeoutMs: number): Promise<void> {
    this.leaving = true;
    if (this.executing.size > 0) await within(timeoutMs, Promise.all(this.executing));
    this.close(Close.GoingAway, 'Going away');
  }

  private dispose(): void {
    clearTimeout(this.initTimer);
    for (const stop of this.operations.values()) stop();
    this.operations.clear();
  }

  private async receive(raw: string): Promise<void> {
    const message = parseClientMessage(raw);
    if (!message) return this.close(Close.BadRequest, 'Invalid message received');
    if (this.leaving && (message.type === 'subscribe' || message.type === 'connection_init')) return;
    switch (message.type) {
      case 'connection_init':
        return this.initialise(message.payload);
      case 'ping':
        return this.send('{"type":"pong"}');
      case 'pong':
        return;
      case 'complete':
        this.operations.get(message.id)?.();
        this.operations.delete(message.id);
        return;
      case 'subscribe':
        if (!this.caller) return this.close(Close.Unauthorized, 'Unauthorized');
        if (this.operations.has(message.id)) return this.close(Close.SubscriberAlreadyExists, `Subscriber for ${message.id} already exists`);
        return this.start(message.id, message.payload);
    }
  }

  private async initialise(params: Record<string, unknown>): Promise<void> {
    if (this.initialising || this.caller) return this.close(Close.TooManyInitialisationRequests, 'Too many initialisation requests');
    this.initialising = true;
    const requestId = requestIdFrom(undefined);
    try {
      const caller = await this.options.authenticate(credentialsOf(params), requestId);
      if (!caller) return this.close(Close.Unauthorized, 'Unauthorized: send a token or API key in connection_init');
      clearTimeout(this.initTimer);
      this.caller = caller;
      this.send('{"type":"connection_ack"}');
    } catch (error) {
      if (!(error instanceof GraphQLError)) this.options.log.error({ err: error, requestId }, 'WebSocket authentication failed');
      this.close(Close.Unauthorized, error instanceof GraphQLError ? `Unauthorized: ${error.message}`.slice(0, 120) : 'Unauthorized');
    }
  }

  private fail(id: string, errors: readonly GraphQLFormattedError[]): void {
    this.operations.delete(id);
    this.send(JSON.stringify({ id, type: 'error', payload: errors }));
  }

  private start(id: string, payload: SubscribePayload): void {
    const parsed = this.options.planner.parse(payload.query);
    if (!parsed.ok) return this.fail(id, parsed.errors.map((error) => error.toJSON()));
    const operation = this.options.planner.operationType(parsed.document, payload.operationName);
    if (!operation) return this.fail(id, [{ message: 'No such operation in the document.', extensions: { code: 'BAD_USER_INPUT' } }]);
    if (operation !== 'subscription') {
      const executing = this.execute(id, payload);
      this.executing.add(executing);
      void executing.finally(() => this.executing.delete(executing));
      return;
    }
    const refused = this.options.refusal?.(payload.query);
    if (refused) return this.fail(id, [refused]);
    const request = { ...payload, caller: this.caller! };
    try {
      const plan = this.options.planner.plan(payload.query, parsed.document, payload.operationName);
      const stop = this.options.hub.subscribe(request, plan, {
        next: (payload) => writeFrame(this.socket, this.raw, payload.frame(id)),
        error: (errors) => this.fail(id, errors),
      });
      this.operations.set(id, stop);
    } catch (error) {
      this.options.log.error({ err: error }, 'subscription could not be planned');
      this.fail(id, [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
    }
  }

  /** A query or mutation sent over the socket: the same Apollo gateway as HTTP answers it, then the operation completes. */
  private async execute(id: string, payload: SubscribePayload): Promise<void> {
    this.operations.set(id, () => undefined);
    const contextValue = this.options.contextFor(this.caller, requestIdFrom(undefined));
    const response = await this.options.apollo.executeOperation(payload, { contextValue });
    if (!this.operations.has(id)) return;
    const result = response.body.kind === 'single' ? response.body.singleResult : { errors: [{ message: 'Incremental delivery is not offered over WebSocket.' }] };
    this.send(nextFrame(id, JSON.stringify(result)));
    this.operations.delete(id);
    this.send(JSON.stringify({ id, type: 'complete' }));
  }
}

/**
 * graphql-transport-ws on the router's /graphql. The connection authenticates once (JWT or API key in
 * connection_init; none or a bad one closes it with 4401). Subscriptions are federated by the hub; queries and
 * mutations sent over the socket go through the same Apollo gateway as HTTP.
 */
export function serveWebSockets(options: WsEndpointOptions): { close(): Promise<void> } {
  const connections = new Set<Connection>();
  const executeTimeoutMs = options.executeTimeoutMs ?? 5_000;
  const wss = new WebSocketServer({
    // We take the upgrade ourselves to keep the connection it hands over (see writeFrame); ws still refuses, with
    // 400, an upgrade to any path but /graphql.
    noServer: true,
    path: '/graphql',
    perMessageDeflate: false,
    handleProtocols: (protocols) => (protocols.has(SUBPROTOCOL) ? SUBPROTOCOL : false),
  });
  const upgrade = (request: IncomingMessage, raw: Duplex, head: Buffer) => {
    wss.handleUpgrade(request, raw, head, (socket) => {
      if (socket.protocol !== SUBPROTOCOL) {
        socket.close(Close.SubprotocolNotAcceptable, 'Subprotocol not acceptable');
        return;
      }
      const connection = new Connection(socket, raw, options);
      connections.add(connection);
      socket.once('close', () => connections.delete(connection));
    });
  };
  options.server.on('upgrade', upgrade);
  return {
    /**
     * Every client gets a close frame with 1001 Going away once its queries and mutations in flight are answered;
     * graphql-ws clients reconnect (to another instance) and resubscribe. A socket that does not complete the close
     * handshake in time is dropped.
     */
    close: async () => {
      options.server.off('upgrade', upgrade);
      await Promise.all([...connections].map((connection) => connection.goAway(executeTimeoutMs)));
      const closed = new Promise<void>((resolve) => wss.close(() => resolve()));
      if (!(await within(SOCKET_CLOSE_TIMEOUT_MS, closed))) for (const client of wss.clients) client.terminate();
      await closed;
    },
  };
}

