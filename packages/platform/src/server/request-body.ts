import type { IncomingMessage } from 'node:http';

/** The largest request body a server reads (a GraphQL document with its variables; files go the other way). */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * How much of an oversized body is read and thrown away so that the connection can serve the client's next request.
 * Past it the connection is closed after the answer: reading further would let one client make the server swallow
 * gigabytes.
 */
const MAX_DISCARDED_BYTES = 32 * 1024 * 1024;

/** A body past `MAX_BODY_BYTES`: answered 413 `PAYLOAD_TOO_LARGE`. `keepAlive` is false when the connection must close. */
export class PayloadTooLargeError extends Error {
  readonly status = 413;
  readonly code = 'PAYLOAD_TOO_LARGE';
  constructor(readonly keepAlive: boolean) {
    super(`The request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB; send a smaller operation or fewer variables.`);
  }
}

/**
 * Reads a request body up to `limit` bytes. An oversized one is still read to its end (and dropped) before the
 * refusal, up to 32 MB: leaving it half-read, or destroying the request as breaking out of `for await` does, resets
 * the connection, and the client's next request on it fails with the refusal never seen.
 */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_DISCARDED_BYTES) {
    // Not worth reading: refuse at once; Node drops what follows and the connection closes after the answer.
    return Promise.reject(new PayloadTooLargeError(false));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      outcome();
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else chunks.length = 0;
      if (size > MAX_DISCARDED_BYTES) {
        req.pause();
        finish(() => reject(new PayloadTooLargeError(false)));
      }
    });
    req.once('end', () => finish(() => (size > limit ? reject(new PayloadTooLargeError(true)) : resolve(Buffer.concat(chunks).toString('utf8')))));
    req.once('error', (error) => finish(() => reject(error)));
    req.once('close', () => finish(() => reject(Object.assign(new Error('The client went away before its request body ended.'), { status: 400 }))));
  });
}
