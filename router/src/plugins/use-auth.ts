import { createRemoteJWKSet, errors as joseErrors, jwtVerify } from 'jose';
import { LRUCache } from 'lru-cache';
import { getGlobalDispatcher, type Dispatcher } from 'undici';
import {
  ACCESS_TOKEN_AUDIENCE,
  ACCESS_TOKEN_ISSUER,
  API_KEY_VERIFY_PATH,
  callerFromClaims,
  DEFAULT_DEADLINE_MS,
  JWKS_PATH,
  signedHeaders,
  SubgraphUnavailableError,
  UnauthenticatedError,
  type ApiKeyVerification,
  type Caller,
  type CircuitBreaker,
} from '@erp/platform';
import type { ApiKeyCache } from './api-key-cache.js';

export interface AuthOptions {
  /** Base URL of the identity subgraph: it publishes the JWKS and verifies API keys. */
  identityUrl: string;
  routerSecret: string;
  /**
   * The keep-alive pool API keys are checked through (the router passes its pool to the subgraphs; default undici's
   * global one). Node's global `fetch` costs several times the CPU per call (a WHATWG Request, Headers and web
   * streams), and API keys are checked on every request the cache does not answer.
   */
  agent?: Dispatcher;
  /**
   * Keeps identity's answers for API keys (`api-key-cache.ts`), only where revocations reach it; without it every
   * request with an API key is checked by identity.
   */
  apiKeys?: ApiKeyCache;
  /** How long identity may take to check a key (default 10 s), and its circuit breaker (shared with its fetches). */
  deadlineMs?: number;
  breaker?: CircuitBreaker;
}

export interface Credentials {
  bearer?: string;
  apiKey?: string;
}

/** Reads the credentials a request carries: `Authorization: Bearer …` (JWT or API key) or `x-api-key`. */
export function readCredentials(headers: Record<string, string | string[] | undefined>): Credentials {
  const first = (name: string) => {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const authorization = first('authorization');
  const bearer = authorization?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
  const apiKey = first('x-api-key')?.trim();
  if (bearer?.startsWith('erp_')) return { apiKey: bearer };
  return { bearer, apiKey };
}

export type Authenticate = (credentials: Credentials, requestId: string) => Promise<Caller | null>;

/**
 * Turns credentials into a caller: JWTs are verified locally against identity's JWKS (fetched once, refreshed when
 * an unknown `kid` appears); API keys are verified by identity, since only it holds their hashes, and its answers
 * are kept in `apiKeys` when the router has one (a revoked key then stops working within a second). No credentials →
 * anonymous (login and register must stay reachable); bad credentials → UNAUTHENTICATED, never anonymous.
 */
export function useAuth(options: AuthOptions): Authenticate {
  const jwks = createRemoteJWKSet(new URL(JWKS_PATH, options.identityUrl), { cooldownDuration: 30_000, cacheMaxAge: 600_000 });
  const verifyUrl = new URL(API_KEY_VERIFY_PATH, options.identityUrl);
  const agent = options.agent ?? getGlobalDispatcher();

  // A token verified once stays valid until it expires (that is what a JWT means), so the signature check, the
  // costliest step of a request or of a dashboard's connection, runs once per token.
  const verified = new LRUCache<string, { caller: Caller; expiresAt: number }>({ max: 10_000 });

  async function verifyJwt(token: string): Promise<Caller> {
    const known = verified.get(token);
    if (known && known.expiresAt > Date.now()) return known.caller;
    try {
      const { payload } = await jwtVerify(token, jwks, {
        issuer: ACCESS_TOKEN_ISSUER,
        audience: ACCESS_TOKEN_AUDIENCE,
        algorithms: ['ES256'],
      });
      const caller = callerFromClaims(payload);
      if (!caller) throw new UnauthenticatedError('The access token has no subject or roles.');
      if (payload.exp) verified.set(token, { caller, expiresAt: payload.exp * 1000 });
      return caller;
    } catch (error) {
      if (error instanceof UnauthenticatedError) throw error;
      if (error instanceof joseErrors.JWTExpired) throw new UnauthenticatedError('The access token has expired; refresh it.');
      throw new UnauthenticatedError('The access token is not valid.');
    }
  }

  /** Identity's answer for a key, within the deadline; an identity that is down fails fast (SUBGRAPH_UNAVAILABLE). */
  function askIdentity(secret: string, requestId: string): Promise<ApiKeyVerification> {
    const ask = () => requestVerification(secret, requestId);
    return options.breaker ? options.breaker.run(ask) : ask();
  }

  async function requestVerification(secret: string, requestId: string): Promise<ApiKeyVerification> {
    const timeout = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
    let response: Dispatcher.ResponseData;
    try {
      response = await agent.request({
        origin: verifyUrl.origin,
        path: verifyUrl.pathname,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...signedHeaders({ caller: { kind: 'router' }, requestId }, options.routerSecret),
        },
        body: JSON.stringify({ secret }),
        headersTimeout: timeout,
        bodyTimeout: timeout,
      });
    } catch (error) {
      throw new SubgraphUnavailableError('identity', (error as { code?: string }).code ?? (error as Error).message);
    }
    if (response.statusCode === 404) {
      await response.body.dump();
      throw new UnauthenticatedError('The API key is not valid, or was revoked or has expired.');
    }
    if (response.statusCode >= 502 && response.statusCode <= 504) {
      await response.body.dump();
      throw new SubgraphUnavailableError('identity', `answered ${response.statusCode}`);
    }
    if (response.statusCode < 200 || response.statusCode >= 300) {
      await response.body.dump();
      throw new Error(`identity answered ${response.statusCode} to an API key check`);
    }
    return (await response.body.json()) as ApiKeyVerification;
  }

  function verifyApiKey(secret: string, requestId: string): Promise<Caller> {
    const ask = () => askIdentity(secret, requestId);
    return options.apiKeys ? options.apiKeys.get(secret, ask) : ask().then((verified) => verified.caller);
  }

  return async function authenticate(credentials: Credentials, requestId: string): Promise<Caller | null> {
    if (credentials.apiKey) return verifyApiKey(credentials.apiKey, requestId);
    if (credentials.bearer) return verifyJwt(credentials.bearer);
    return null;
  };
}
