import { Agent } from 'undici';

/**
 * Keep-alive connections to the subgraphs, a few per subgraph. The pool's idle timeout stays below the subgraphs'
 * keep-alive (65 s), so we never reuse a socket they closed.
 */
export function subgraphAgent(): Agent {
  return new Agent({ connections: 32, keepAliveTimeout: 30_000, keepAliveMaxTimeout: 60_000 });
}
