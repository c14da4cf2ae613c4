import type { GraphQLFormattedError } from 'graphql';
import { isPublicErrorCode } from '../errors.js';

/**
 * Errors a service raised on purpose keep their message and code; anything else reaches the client as a bare
 * "Internal server error" (the original is logged with the request id by the server's error plugin).
 */
export function maskError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (isPublicErrorCode(formatted.extensions?.code)) {
    const { stacktrace: _, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

export function isExpectedError(error: { extensions?: Record<string, unknown> }): boolean {
  return isPublicErrorCode(error.extensions?.code);
}
