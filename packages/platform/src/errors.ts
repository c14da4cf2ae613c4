import { GraphQLError } from 'graphql';

/** The stable `extensions.code` values clients may branch on. */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'THROTTLED'
  /** Not enough stock for what was asked; `extensions.lines` names each short line with what is available. */
  | 'INSUFFICIENT_STOCK'
  | 'SUBGRAPH_UNAVAILABLE'
  /** A subscription missed events that cannot be replayed: reload what it shows (it goes on with live events). */
  | 'RESYNC_REQUIRED'
  | 'INTERNAL_SERVER_ERROR';

export class DomainError extends GraphQLError {
  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...details } });
  }
  get code(): ErrorCode {
    return this.extensions.code as ErrorCode;
  }
}

export class BadUserInputError extends DomainError {
  constructor(message: string, details: { field?: string } & Record<string, unknown> = {}) {
    super('BAD_USER_INPUT', message, details);
  }
}
export class UnauthenticatedError extends DomainError {
  constructor(message = 'You must be signed in to do this.') {
    super('UNAUTHENTICATED', message);
  }
}
export class ForbiddenError extends DomainError {
  constructor(message = 'You are not allowed to do this.') {
    super('FORBIDDEN', message);
  }
}
export class NotFoundError extends DomainError {
  constructor(entity: string, id: string) {
    super('NOT_FOUND', `${entity} ${id} does not exist.`, { entity, id });
  }
}
export class ConflictError extends DomainError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('CONFLICT', message, details);
  }
}

/** Another subgraph did not answer in time or at all: nothing was changed, and the same request may succeed later. */
export class SubgraphUnavailableError extends DomainError {
  constructor(subgraph: string, reason: string) {
    super('SUBGRAPH_UNAVAILABLE', `The ${subgraph} service is unavailable (${reason}); nothing was changed, try again shortly.`, { subgraph, retryable: true });
  }
}

const PUBLIC_CODES = new Set<string>([
  'BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'THROTTLED', 'INSUFFICIENT_STOCK', 'SUBGRAPH_UNAVAILABLE', 'RESYNC_REQUIRED',
  // raised by graphql-js / Apollo Server themselves for malformed requests
  'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'PAYLOAD_TOO_LARGE', 'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_IN_SAFELIST',
  // raised by the router for operations larger than its limits
  'MAX_DEPTH_EXCEEDED', 'MAX_ALIASES_EXCEEDED', 'MAX_ROOT_FIELDS_EXCEEDED', 'MAX_COST_EXCEEDED',
  'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE',
]);

/** True when an error's message was written for the client; everything else is masked. */
export function isPublicErrorCode(code: unknown): boolean {
  return typeof code === 'string' && PUBLIC_CODES.has(code);
}
