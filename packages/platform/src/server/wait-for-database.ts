import type { Logger } from 'pino';

const RETRY_MS = 1_000;
/** Node's socket errors and PostgreSQL's "connection exception" class (08…), "cannot connect now" (starting up) and "too many connections". */
const UNREACHABLE = /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|EPIPE|08[0-9A-Z]{3}|57P03|53300)$/;

/** Whether an error says the database could not be reached (as opposed to a statement that failed). */
export function isUnreachable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const { code, message, cause, errors } = error as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string' && UNREACHABLE.test(code)) return true;
  if (typeof message === 'string' && /Connection terminated|connection timeout|timeout exceeded when trying to connect/i.test(message)) return true;
  if (Array.isArray(errors) && errors.some((inner) => isUnreachable(inner, depth + 1))) return true;
  return isUnreachable(cause, depth + 1);
}

/**
 * Runs `work` (migrations at start) until it gets through to the database: while PostgreSQL is unreachable it tries
 * again every second, saying so once when it starts waiting and once when it stops. Any other error is thrown: a
 * migration that fails is a bug to see, not to retry.
 */
export async function whenDatabaseReachable<T>(work: () => Promise<T>, log: Logger): Promise<T> {
  let waitingSince: number | null = null;
  for (;;) {
    try {
      const result = await work();
      if (waitingSince !== null) log.info({ waitedMs: Date.now() - waitingSince }, 'database reachable: starting');
      return result;
    } catch (error) {
      if (!isUnreachable(error)) throw error;
      if (waitingSince === null) {
        waitingSince = Date.now();
        log.warn({ err: error }, 'database unreachable: not ready, trying again every second');
      }
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  }
}
