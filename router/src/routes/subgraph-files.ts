import { pipeline } from 'node:stream/promises';
import { CONTEXT_HEADER, REQUEST_ID_HEADER, sendJson, type HttpHandler } from '@erp/platform';
import { GraphQLError } from 'graphql';
import { request, type Agent } from 'undici';
import { readCredentials, type Authenticate } from '../plugins/use-auth.js';
import type { ContextFor } from '../plugins/use-signed-context.js';
import { assignRequestId } from '../request-id.js';

export const FILES_PREFIX = '/files/';

/** The headers of a subgraph's answer that reach the client; nothing else does. */
const PASSED_ON = ['content-type', 'content-length', 'content-disposition'] as const;

export interface SubgraphFilesOptions {
  /** Base URL of every subgraph named in the supergraph: only these serve files. */
  subgraphs: ReadonlyMap<string, string>;
  agent: Agent;
  authenticate: Authenticate;
  contextFor: ContextFor;
}

export interface FileTarget {
  subgraph: string;
  /** The path on the subgraph: `/files/<rest…>`, its segments as the client sent them. */
  path: string;
}

/** A segment that names a file or folder: not empty, `.` or `..` (however encoded), no hidden slash or control. */
function isPlainSegment(segment: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    return false;
  }
  return decoded !== '' && decoded !== '.' && decoded !== '..' && !/[/\\\u0000-\u001f\u007f]/.test(decoded);
}

/**
 * Reads `/files/<subgraph>/<rest…>` (the path without its query). Null when it is not one, or when a segment could
 * step outside the subgraph's files: a client must not reach another path of the subgraph through this route.
 */
export function parseFilesPath(path: string): FileTarget | null {
  if (!path.startsWith(FILES_PREFIX)) return null;
  const [subgraph, ...rest] = path.slice(FILES_PREFIX.length).split('/');
  if (!subgraph || rest.length === 0 || !isPlainSegment(subgraph) || !rest.every(isPlainSegment)) return null;
  return { subgraph, path: `${FILES_PREFIX}${rest.join('/')}` };
}

/**
 * GET /files/<subgraph>/<rest…>?<query> — a file a subgraph serves (an invoice's PDF, an export) behind the router's
 * authentication: the caller authenticates as on /graphql, and the subgraph gets `GET /files/<rest…>?<query>` with
 * the caller signed, authorizes it like its data, and its answer is streamed back.
 */
export function subgraphFilesRoute(options: SubgraphFilesOptions): HttpHandler {
  return async (req, res) => {
    const requestId = assignRequestId(req, res);
    if (req.method !== 'GET') {
      res.setHeader('allow', 'GET');
      return sendJson(res, 405, { error: 'Use GET.' });
    }
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    const target = parseFilesPath(queryAt === -1 ? url : url.slice(0, queryAt));
    if (!target) return sendJson(res, 400, { error: 'A file is at /files/<subgraph>/<name…>, without empty, "." or ".." segments or encoded slashes.' });
    let caller;
    try {
      caller = await options.authenticate(readCredentials(req.headers), requestId);
    } catch (error) {
      if (error instanceof GraphQLError) return sendJson(res, 401, { error: error.message });
      throw error;
    }
    if (!caller) return sendJson(res, 401, { error: 'Send a Bearer token or an API key.' });
    // Only after authentication, so that anonymous clients cannot list the subgraphs by probing.
    const base = options.subgraphs.get(target.subgraph);
    if (!base) return sendJson(res, 404, { error: `No subgraph ${target.subgraph} serves files here.` });

    const { signedContext } = options.contextFor(caller, requestId);
    let upstream: Awaited<ReturnType<typeof request>>;
    try {
      upstream = await request(`${base}${target.path}${queryAt === -1 ? '' : url.slice(queryAt)}`, {
        dispatcher: options.agent,
        headers: { [REQUEST_ID_HEADER]: requestId, [CONTEXT_HEADER]: signedContext },
      });
    } catch (error) {
      // Refused, reset or silent past the pool's deadline: say so and which subgraph, as a GraphQL answer would.
      const reason = (error as { code?: string }).code ?? (error as Error).message;
      return sendJson(res, 503, { error: `The ${target.subgraph} service is unavailable (${reason}); try again shortly.`, code: 'SUBGRAPH_UNAVAILABLE', subgraph: target.subgraph });
    }
    const headers: Record<string, string> = {};
    for (const name of PASSED_ON) {
      const value = upstream.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    res.writeHead(upstream.statusCode, headers);
    try {
      await pipeline(upstream.body, res);
    } catch (error) {
      // A client that leaves in the middle of a file is not a fault of the router's.
      if ((error as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') throw error;
    }
  };
}
