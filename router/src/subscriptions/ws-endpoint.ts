import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ApolloServer } from '@apollo/server';
import type { Caller, Logger } from '@erp/platform';
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
  /** How long a client may take to send connection_init. */
  initTimeoutMs?: number;
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

  private dispose(): void {
    clearTimeout(this.initTimer);
    for (const stop of this.operations.values()) stop();
    this.operations.clear();
  }

  private async receive(raw: string): Promise<void> {
    const message = parseClientMessage(raw);
    if (!message) return this.close(Close.BadRequest, 'Invalid message received');
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
    if (operation !== 'subscription') return void this.execute(id, payload);
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
      new Connection(socket, raw, options);
    });
  };
  options.server.on('upgrade', upgrade);
  return {
    close: async () => {
      options.server.off('upgrade', upgrade);
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

