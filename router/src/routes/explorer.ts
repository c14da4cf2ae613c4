import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson, type HttpHandler } from '@erp/platform';
import { EXPLORER_PREFIX, ExplorerAssets } from './explorer-assets.js';
import { EXPLORER_SCRIPT, explorerPage } from './explorer-page.js';

export { EXPLORER_PREFIX };

/** On by default, off when NODE_ENV=production unless ROUTER_EXPLORER=on; ROUTER_EXPLORER=off turns it off anywhere. */
export function explorerEnabledFromEnvironment(env: NodeJS.ProcessEnv = process.env): boolean {
  const setting = env.ROUTER_EXPLORER;
  if (setting === 'on') return true;
  if (setting === 'off') return false;
  if (setting) throw new Error(`ROUTER_EXPLORER must be on or off (was ${setting}).`);
  return env.NODE_ENV !== 'production';
}

/** A person's browser opening the graph's URL: GET, HTML preferred, and no GraphQL request in the query string. */
export function wantsExplorer(req: IncomingMessage): boolean {
  if (req.method !== 'GET') return false;
  const accept = req.headers.accept ?? '';
  if (!accept.includes('text/html')) return false;
  const search = new URLSearchParams((req.url ?? '').split('?')[1] ?? '');
  return !search.has('query') && !search.has('extensions');
}

const SECURITY_HEADERS = {
  // GraphiQL sets inline styles; scripts and connections stay on this origin (ws: for subscriptions).
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/**
 * GraphiQL for the people who integrate (docs/architecture.md, "Explorer"): the page on a browser's GET of the graph's
 * URL, its files under /explorer/. The graph itself is unchanged: the explorer is one more client of it.
 */
export function explorerRoutes(): { serveGraphqlOr(graphql: HttpHandler): HttpHandler; assets: HttpHandler } {
  const assets = new ExplorerAssets();
  const page = explorerPage();
  const send = (res: ServerResponse, type: string, body: string | Buffer, cache: string) => {
    res.writeHead(200, { 'content-type': `${type}; charset=utf-8`, 'cache-control': cache, 'content-length': Buffer.byteLength(body), ...SECURITY_HEADERS });
    res.end(body);
  };
  return {
    serveGraphqlOr: (graphql) => async (req, res) => {
      if (!wantsExplorer(req)) return graphql(req, res);
      send(res, 'text/html', page, 'no-cache');
    },
    assets: async (req, res) => {
      const name = (req.url ?? '').split('?')[0]!.slice(EXPLORER_PREFIX.length);
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: 'The explorer serves files to GET only.' });
      if (name === 'explorer.js') return send(res, 'text/javascript', EXPLORER_SCRIPT, 'no-cache');
      const asset = assets.get(name);
      if (!asset) return sendJson(res, 404, { error: `The explorer has no file ${name}.` });
      // The files change only with the installed package's version, i.e. with a deploy.
      send(res, asset.type, await asset.body, 'public, max-age=3600');
    },
  };
}
