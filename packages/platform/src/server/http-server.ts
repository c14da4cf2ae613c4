import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { DEFAULT_DRAIN_TIMEOUT_MS, SOCKET_CLOSE_TIMEOUT_MS, within, type ShutdownBounds } from './shutdown.js';

export type HttpHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** What a drain did, and how long it took. */
export interface DrainOutcome {
  /** Requests answered while it ran. */
  answered: number;
  /** Requests whose client went away before the answer. */
  abandoned: number;
  /** Requests still unanswered at the bound, whose connections were cut. */
  cut: number;
  ms: number;
}

export interface RunningServer {
  server: Server;
  port: number;
  url: string;
  /** True from the moment the drain starts. */
  isDraining(): boolean;
  /**
   * Stops taking HTTP work and answers what was taken: `/ready` answers 503 at once, the server stops listening
   * (after the ready grace), new WebSocket handshakes are refused with 503, requests in flight — and any that still
   * arrive on open keep-alive connections — are answered with `Connection: close`, idle keep-alive connections are
   * closed; at the bound the connections still busy are cut. Open WebSockets are left to their owners, which close
   * them with a close code after this. Resolves once every request is answered or cut; the same promise every call.
   */
  drain(): Promise<DrainOutcome>;
  /** `drain()`, then waits briefly for the remaining connections (WebSockets) to end and destroys what is left. */
  close(): Promise<void>;
}

/**
 * Keep-alive timeouts must nest: a server keeps idle sockets open longer than its clients' pools do, or a client
 * reuses a socket the server has just closed ("socket hang up").
 */
export const SERVER_KEEP_ALIVE_MS = 65_000;

/** What a route that threw answers, with status 500: nothing of the failure leaks. */
export const INTERNAL_ERROR_BODY = JSON.stringify({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });

/** The readiness route: answered 503 by the server itself once it drains, whatever the route does otherwise. */
export const READY_PATH = '/ready';

const pathOf = (req: IncomingMessage): string => (req.url ?? '/').split('?')[0]!;

export async function startHttpServer(options: {
  port: number;
  host?: string;
  handle: HttpHandler;
  onError?: (error: unknown) => void;
  shutdown?: ShutdownBounds;
}): Promise<RunningServer> {
  const drainTimeoutMs = options.shutdown?.drainTimeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS;
  const readyGraceMs = Math.min(options.shutdown?.readyGraceMs ?? 0, drainTimeoutMs);
  /** Responses not yet finished: the drain waits for them. */
  const inFlight = new Set<ServerResponse>();
  /** Every connection, upgraded ones too, so close() can end what its owners left open. */
  const sockets = new Set<Socket>();
  let draining = false;
  let answered = 0;
  let abandoned = 0;
  let settled: (() => void) | null = null;

  const server = createServer((req, res) => {
    inFlight.add(res);
    res.once('close', () => {
      inFlight.delete(res);
      if (draining) {
        if (res.writableFinished) answered += 1;
        else abandoned += 1;
      }
      if (inFlight.size === 0) settled?.();
    });
    if (draining) {
      // The client learns with this answer that the connection ends here, and opens its next one elsewhere.
      res.setHeader('connection', 'close');
      if (pathOf(req) === READY_PATH) return sendJson(res, 503, { status: 'draining' });
    }
    options.handle(req, res).catch((error: unknown) => {
      options.onError?.(error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(INTERNAL_ERROR_BODY);
    });
  });
  server.keepAliveTimeout = SERVER_KEEP_ALIVE_MS;
  server.headersTimeout = SERVER_KEEP_ALIVE_MS + 1_000;
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  let listenerClosed: Promise<void> = Promise.resolve();
  let draining$: Promise<DrainOutcome> | null = null;
  const drain = (): Promise<DrainOutcome> =>
    (draining$ ??= (async () => {
      const started = Date.now();
      draining = true;
      for (const res of inFlight) if (!res.headersSent) res.setHeader('connection', 'close');
      refuseUpgrades(server);
      if (readyGraceMs > 0) await new Promise((resolve) => setTimeout(resolve, readyGraceMs));
      // No new connections; Node also closes the keep-alive connections that are idle now. The callback comes only
      // when every connection has ended, WebSockets included: close() waits for it, not the drain.
      listenerClosed = new Promise<void>((resolve) => server.close(() => resolve()));
      const left = Math.max(0, drainTimeoutMs - (Date.now() - started));
      const allAnswered = inFlight.size === 0 || (await within(left, new Promise<void>((resolve) => (settled = resolve))));
      // Connections whose last answer began before the drain (so without `Connection: close`) are idle by now.
      server.closeIdleConnections();
      const outcome = { answered, abandoned, cut: inFlight.size, ms: Date.now() - started };
      if (!allAnswered) server.closeAllConnections();
      return outcome;
    })());

  return {
    server,
    port,
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    isDraining: () => draining,
    drain,
    close: async () => {
      await drain();
      if (!(await within(SOCKET_CLOSE_TIMEOUT_MS, listenerClosed))) for (const socket of sockets) socket.destroy();
      await listenerClosed;
    },
  };
}

/**
 * From the drain on, a WebSocket handshake is answered 503 (the client connects to another instance). The upgrade
 * listeners (graphql-ws's, the router's) are replaced rather than asked: sockets they already accepted are theirs.
 */
function refuseUpgrades(server: Server): void {
  server.removeAllListeners('upgrade');
  server.on('upgrade', (_req: IncomingMessage, socket: Duplex) => {
    socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });
}

/** The first value of a request header (Node gives arrays for repeated headers). */
export function firstHeader(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
