import type { IncomingMessage } from 'node:http';
import { decideAccess, type Permission, type PermissionPolicy } from '../auth/permissions.js';
import { CONTEXT_HEADER, REQUEST_ID_HEADER, verifyContext } from '../auth/signed-context.js';
import type { RequestContext } from '../context.js';
import { Loaders } from '../data/loaders.js';
import { firstHeader } from './http-server.js';
import type { SubgraphEnvironment } from './subgraph.js';

export type RouteAuthorization = { ok: true; ctx: RequestContext } | { ok: false; status: 401 | 403; message: string };

/**
 * The request context for a plain HTTP route of a subgraph (a PDF, an export): the same router signature and
 * permission rules as its GraphQL endpoint.
 */
export function authorizeRoute(env: SubgraphEnvironment, req: IncomingMessage, permission: Permission, policy: PermissionPolicy): RouteAuthorization {
  const requestId = firstHeader(req, REQUEST_ID_HEADER);
  const verification = verifyContext(firstHeader(req, CONTEXT_HEADER), requestId, env.routerSecret);
  if (!verification.ok) return { ok: false, status: 401, message: `Refused: ${verification.reason}.` };
  const { caller } = verification.context;
  const decision = decideAccess(caller, [permission], policy);
  if (decision === 'unauthenticated') return { ok: false, status: 401, message: 'You must be signed in to do this.' };
  if (decision === 'forbidden') return { ok: false, status: 403, message: `This needs the permission ${permission}.` };
  return {
    ok: true,
    ctx: { requestId: verification.context.requestId, caller, em: env.orm.em.fork(), loaders: new Loaders(), log: env.log.child({ requestId }), peers: env.peers },
  };
}
