import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { REQUEST_ID_HEADER } from '@erp/platform';

const ACCEPTABLE = /^[A-Za-z0-9._-]{8,100}$/;

/** Keeps a caller's request id when it is sane (for tracing across systems), otherwise makes one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && ACCEPTABLE.test(value) ? value : randomUUID();
}

/** The request's id, also sent back on the response so the client can quote it. */
export function assignRequestId(req: IncomingMessage, res: ServerResponse): string {
  const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
  res.setHeader(REQUEST_ID_HEADER, requestId);
  return requestId;
}
