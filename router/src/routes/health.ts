import { sendJson, type CircuitState, type HttpHandler } from '@erp/platform';

/**
 * /health: the router answers. /ready: every subgraph answers its own /ready within 2 s; the body also says which
 * subgraphs' circuits are open (their fetches fail fast).
 */
export function healthRoutes(subgraphUrls: Record<string, string>, circuits: () => Record<string, CircuitState>): Record<'/health' | '/ready', HttpHandler> {
  return {
    '/health': async (_req, res) => sendJson(res, 200, { status: 'ok' }),
    '/ready': async (_req, res) => {
      const checks = await Promise.all(
        Object.entries(subgraphUrls).map(async ([name, url]) => {
          const ok = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(2_000) }).then((r) => r.ok, () => false);
          return [name, ok] as const;
        }),
      );
      sendJson(res, checks.every(([, ok]) => ok) ? 200 : 503, { subgraphs: Object.fromEntries(checks), circuits: circuits() });
    },
  };
}
