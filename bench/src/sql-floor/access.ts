import { createHash } from 'node:crypto';
import { subgraphDefinitions } from '@erp/app';
import { customerScope, decideAccess, type Permission, type PermissionPolicy, type Role } from '@erp/platform';
import { readCredentials, useAuth } from '@erp/router';

/** The permissions a request needs, each in the subgraph whose policy decides it. */
export type Needs = { subgraph: string; permission: Permission }[];

/**
 * Who may run a statement, in the form the statement takes: for a user (JWT, checked here exactly as the router
 * checks it), the customer a portal user is limited to; for an API key, its prefix, hash and the scopes it needs,
 * which the statement itself checks against identity.api_key — one statement per request, authentication included.
 */
export interface Access {
  /** A portal user's customer (or a nil id when unlinked): rows of other customers are not visible. */
  portalCustomerId: string | null;
  apiKey: { prefix: string; hash: string; scopes: string[] } | null;
  /** The acting user for audit columns: the user, or null for an API key (the statement reads the key's owner). */
  userId: string | null;
  /** The user's roles, as the audit trail records its actor; none for an API key. */
  roles: Role[];
}

export class AccessRefused extends Error {
  constructor(
    message: string,
    readonly status: 401 | 403,
  ) {
    super(message);
  }
}

const NO_CUSTOMER = '00000000-0000-0000-0000-000000000000';
const API_KEY = /^(erp_[0-9a-f]{8})_[A-Za-z0-9_-]{43}$/;

export function accessChecker(identityUrl: string, routerSecret: string) {
  // The subgraphs' own policies and the router's own JWT check: the floor decides exactly as the graph does.
  const policies = new Map<string, PermissionPolicy>(subgraphDefinitions().map((d) => [d.name, d.policy]));
  const authenticate = useAuth({ identityUrl, routerSecret });
  return async function access(headers: Record<string, string | string[] | undefined>, needs: Needs): Promise<Access> {
    const credentials = readCredentials(headers);
    if (credentials.apiKey) {
      const match = API_KEY.exec(credentials.apiKey);
      if (!match) throw new AccessRefused('The API key is not valid.', 401);
      const hash = createHash('sha256').update(credentials.apiKey).digest('hex');
      return { portalCustomerId: null, apiKey: { prefix: match[1]!, hash, scopes: needs.map((n) => n.permission) }, userId: null, roles: [] };
    }
    if (!credentials.bearer) throw new AccessRefused('Sign in first.', 401);
    const caller = await authenticate({ bearer: credentials.bearer }, 'sql-floor').catch(() => null);
    if (caller?.kind !== 'user') throw new AccessRefused('The access token is not valid.', 401);
    let portalCustomerId: string | null = null;
    for (const { subgraph, permission } of needs) {
      const policy = policies.get(subgraph)!;
      if (decideAccess(caller, [permission], policy) !== 'allowed') throw new AccessRefused(`This needs the permission ${permission}.`, 403);
      const scope = customerScope(caller, permission, policy);
      if (scope.kind === 'customer') portalCustomerId = scope.customerId ?? NO_CUSTOMER;
    }
    return { portalCustomerId, apiKey: null, userId: caller.userId, roles: [...caller.roles] };
  };
}

/**
 * A boolean SQL expression: true for a user (already checked), or when the API key ($prefix, $hash) is live and holds
 * every scope in $scopes (`x:write` implies `x:read`, `*` everything), as the router and the subgraphs decide.
 */
export function apiKeyAllowedSql(prefix: string, hash: string, scopes: string): string {
  return `(${prefix}::text is null or exists (
    select 1 from identity.api_key k
     where k.prefix = ${prefix}::text and k.secret_hash = ${hash}::text and k.revoked_at is null and (k.expires_at is null or k.expires_at > now())
       and (select bool_and(s = any(k.scopes) or '*' = any(k.scopes) or (s like '%:read' and replace(s, ':read', ':write') = any(k.scopes)))
              from unnest(${scopes}::text[]) s)))`;
}
