import type { GraphQLFormattedError } from 'graphql';
import { isPublicErrorCode, SubgraphUnavailableError } from '../errors.js';
import { databaseOutage } from './database-outage.js';

/**
 * Errors a service raised on purpose keep their message and code; a database that could not serve (given the
 * `service` it belongs to) is SUBGRAPH_UNAVAILABLE, retryable; anything else reaches the client as a bare "Internal
 * server error" (the original is logged with the request id by the server's error plugin).
 */
export function maskError(formatted: GraphQLFormattedError, error?: unknown, service?: string): GraphQLFormattedError {
  const conflict = conflictMessage(originalOf(error));
  if (conflict) return { message: conflict, path: formatted.path, extensions: { code: 'CONFLICT' } };
  const outage = service && !isPublicErrorCode(formatted.extensions?.code) ? databaseOutage(originalOf(error)) : null;
  if (outage) {
    const unavailable = new SubgraphUnavailableError(service!, outage);
    return { message: unavailable.message, path: formatted.path, extensions: { code: unavailable.code, ...unavailable.extensions } };
  }
  if (isPublicErrorCode(formatted.extensions?.code)) {
    const { stacktrace: _, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

export function isExpectedError(error: { extensions?: Record<string, unknown>; originalError?: unknown }): boolean {
  return isPublicErrorCode(error.extensions?.code) || conflictMessage(error.originalError) !== null;
}

function originalOf(error: unknown): unknown {
  return (error as { originalError?: unknown } | undefined)?.originalError ?? error;
}

/** Database races that lost are conflicts the client can retry, not server faults. */
function conflictMessage(error: unknown): string | null {
  const name = (error as { name?: string } | undefined)?.name;
  if (name === 'OptimisticLockError') return 'Someone else changed this record at the same time; reload it and try again.';
  if (name === 'UniqueConstraintViolationException') return 'A record with the same unique value already exists.';
  return null;
}
