import { DomainError } from '../errors.js';

/** Too many attempts: `retryAfterSeconds` says when the next one may go (the router answers 429 with Retry-After). */
export class ThrottledError extends DomainError {
  constructor(message: string, retryAfterMs: number) {
    super('THROTTLED', message, { retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) });
  }
}
