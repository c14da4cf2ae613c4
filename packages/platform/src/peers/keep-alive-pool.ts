import { Agent } from 'undici';
import { SERVER_KEEP_ALIVE_MS } from '../server/http-server.js';

/** How long an idle connection stays in the pool: well below the subgraphs' own keep-alive (SERVER_KEEP_ALIVE_MS). */
const POOL_IDLE_MS = 30_000;

export interface KeepAlivePoolOptions {
  /** Connections per origin at most (default 32); more requests at once wait for one. */
  connections?: number;
  /**
   * The deadline of every request sent through the pool unless the request sets its own: connecting, waiting for the
   * answer's headers, and between two pieces of its body (undici's default is 300 s, far past any caller's patience).
   */
  timeoutMs: number;
}

/**
 * Keep-alive connections to the subgraphs, used by the router for its fetches and by every subgraph for its peers.
 * Keep-alive timeouts must nest: the pool drops an idle connection before the subgraph's server would close it, or
 * under load a request goes out on a socket the server has just closed ("socket hang up").
 */
export function keepAlivePool(options: KeepAlivePoolOptions): Agent {
  return new Agent({
    connections: options.connections ?? 32,
    keepAliveTimeout: POOL_IDLE_MS,
    keepAliveMaxTimeout: Math.min(60_000, SERVER_KEEP_ALIVE_MS - 5_000),
    connect: { timeout: options.timeoutMs },
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
  });
}
