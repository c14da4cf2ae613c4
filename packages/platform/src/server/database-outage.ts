import { errorChain } from '../error-chain.js';

/** SQLSTATEs of a database that cannot serve now: cancelled past the statement timeout, shutting down, not accepting connections. */
const UNAVAILABLE_SQLSTATES = new Set(['57014', '57P01', '57P02', '57P03', '53300']);
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'EPIPE']);

/**
 * Why a failed request's database could not serve it (statement timeout, no pooled connection in time, refused or
 * lost connection), or null when the error is something else. The transaction it ran in, if any, rolled back.
 */
export function databaseOutage(error: unknown): string | null {
  for (const { code, message } of errorChain(error)) {
    if (code === '57014') return 'its database did not answer in time';
    if (typeof code === 'string' && (UNAVAILABLE_SQLSTATES.has(code) || code.startsWith('08'))) return 'its database cannot serve now';
    if (typeof code === 'string' && UNREACHABLE_CODES.has(code)) return 'its database cannot be reached';
    if (typeof message === 'string' && /timeout exceeded when trying to connect|Connection terminated/.test(message)) return 'no database connection was free in time';
  }
  return null;
}
