import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Caller } from './caller.js';

/**
 * The router tells subgraphs who is calling in one header it signs with a secret only the router and the subgraphs
 * share. The signature covers the caller, the request id and an expiry, so a captured header is useless for another
 * request or after it expires.
 */
export const CONTEXT_HEADER = 'x-erp-context';
export const REQUEST_ID_HEADER = 'x-request-id';
export const CONTEXT_TTL_SECONDS = 60;

export interface SignedContext {
  caller: Caller | null;
  requestId: string;
  /**
   * The address of the client the router serves, as the router determined it (its peer, or what trusted proxies
   * forwarded): what per-address limits (login throttling) key on. Absent for subgraph-to-subgraph calls and jobs.
   */
  clientAddress?: string | null;
  /** Unix seconds. */
  exp: number;
}

export type ContextVerification = { ok: true; context: SignedContext } | { ok: false; reason: string };

function mac(payload: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(payload).digest();
}

export function signContext(context: Omit<SignedContext, 'exp'>, secret: string, now = Date.now()): string {
  const body: SignedContext = { ...context, exp: Math.floor(now / 1000) + CONTEXT_TTL_SECONDS };
  const payload = Buffer.from(JSON.stringify(body)).toString('base64url');
  return `${payload}.${mac(payload, secret).toString('base64url')}`;
}

/**
 * Headers whose signature was already checked, by their whole text: the router signs a client request once and sends
 * the same header with each of its subgraph fetches (a deep query reaches a process several times), so the HMAC and
 * the decoding are done once per header. Expiry and request id are still checked on every use; a header that differs
 * by one byte is a different key and is checked in full.
 */
const VERIFIED_CAPACITY = 1024;
const verified = new Map<string, { secret: string; context: SignedContext }>();

function remember(header: string, secret: string, context: SignedContext): void {
  if (verified.size >= VERIFIED_CAPACITY) verified.delete(verified.keys().next().value!);
  verified.set(header, { secret, context });
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

function checkSignature(header: string, secret: string): ContextVerification {
  const [payload, signature] = header.split('.');
  if (!payload || !signature) return { ok: false, reason: 'malformed router signature' };
  const expected = mac(payload, secret);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad router signature' };
  // Frozen: the same object now serves every request that carries this header.
  const context = deepFreeze(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as SignedContext);
  remember(header, secret, context);
  return { ok: true, context };
}

export function verifyContext(header: string | undefined, requestId: string | undefined, secret: string, now = Date.now()): ContextVerification {
  if (!header) return { ok: false, reason: 'missing router signature' };
  const known = verified.get(header);
  const signed = known && known.secret === secret ? ({ ok: true, context: known.context } as const) : checkSignature(header, secret);
  if (!signed.ok) return signed;
  const { context } = signed;
  if (context.exp * 1000 < now) return { ok: false, reason: 'expired router signature' };
  if (context.requestId !== requestId) return { ok: false, reason: 'router signature is for another request' };
  return { ok: true, context };
}

/**
 * Verifies the router's signature where a request carries it: HTTP headers, a WebSocket's connection params or a
 * subscription's extensions all use the same two names.
 */
export function verifySignedRequest(carrier: Readonly<Record<string, unknown>> | undefined, secret: string, now = Date.now()): ContextVerification {
  const first = (name: string): string | undefined => {
    const value = carrier?.[name];
    if (typeof value === 'string') return value;
    return Array.isArray(value) && typeof value[0] === 'string' ? value[0] : undefined;
  };
  return verifyContext(first(CONTEXT_HEADER), first(REQUEST_ID_HEADER), secret, now);
}

/** The two headers that carry a signed caller to a subgraph (HTTP) or a subscription (extensions). */
export function signedHeaders(context: Omit<SignedContext, 'exp'>, secret: string): Record<string, string> {
  return { [REQUEST_ID_HEADER]: context.requestId, [CONTEXT_HEADER]: signContext(context, secret) };
}
