import type { IncomingMessage, ServerResponse } from 'node:http';
import { decideAccess, type PermissionPolicy } from '../auth/permissions.js';
import { verifySignedRequest } from '../auth/signed-context.js';
import { DomainError } from '../errors.js';
import { sendJson } from './http-server.js';
import type { FileRoute, SubgraphEnvironment } from './subgraph-definition.js';

/** Where a subgraph serves its files; the router maps `/files/<subgraph>/…` onto it. */
export const FILES_PREFIX = '/files/';

const STATUS_OF: Partial<Record<string, number>> = { BAD_USER_INPUT: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404 };

interface CompiledRoute {
  pattern: RegExp;
  names: string[];
  route: FileRoute;
}

/** `invoices/:id/pdf` → a regular expression over the path below /files/ and the names of its parameters. */
export function compileFilePattern(pattern: string): { pattern: RegExp; names: string[] } {
  const names: string[] = [];
  const source = pattern
    .split('/')
    .map((segment) => {
      if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(segment.slice(1));
      return '([^/]+)';
    })
    .join('/');
  return { pattern: new RegExp(`^${source}$`), names };
}

/**
 * Serves a subgraph's file routes under /files/: the router's signature is checked like /graphql's, the caller must
 * hold the route's permission, and refusals thrown as domain errors keep their meaning as HTTP statuses.
 */
export function serveFiles(env: SubgraphEnvironment, policy: PermissionPolicy, files: Record<string, FileRoute>) {
  const routes: CompiledRoute[] = Object.entries(files).map(([pattern, route]) => ({ ...compileFilePattern(pattern), route }));
  return async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    if (req.method !== 'GET') return sendJson(res, 405, { error: 'Files are read with GET.' });
    const below = path.slice(FILES_PREFIX.length);
    const found = routes.map((candidate) => ({ candidate, match: candidate.pattern.exec(below) })).find(({ match }) => match);
    if (!found) return sendJson(res, 404, { error: `No file route ${path}` });
    const verification = verifySignedRequest(req.headers, env.routerSecret);
    if (!verification.ok) return sendJson(res, 401, { error: `Refused: ${verification.reason}.` });
    const { caller, requestId } = verification.context;
    const { route } = found.candidate;
    const decision = decideAccess(caller, [route.permission], policy);
    if (decision === 'unauthenticated') return sendJson(res, 401, { error: 'You must be signed in to do this.' });
    if (decision === 'forbidden') return sendJson(res, 403, { error: `This needs the permission ${route.permission}.` });
    let params: Record<string, string>;
    try {
      params = Object.fromEntries(found.candidate.names.map((name, index) => [name, decodeURIComponent(found.match![index + 1]!)]));
    } catch {
      return sendJson(res, 400, { error: `Malformed path ${path}` });
    }
    try {
      await route.serve(env.context({ caller, requestId }), params, res);
    } catch (error) {
      const status = error instanceof DomainError ? STATUS_OF[error.code] : undefined;
      if (status && !res.headersSent) return sendJson(res, status, { error: error instanceof Error ? error.message : String(error) });
      throw error;
    }
  };
}
