import type { IncomingMessage, ServerResponse } from 'node:http';
import { REQUEST_ID_HEADER, type Logger } from '@erp/platform';

export interface AccessLogOptions {
  log: Logger;
}

/** One line per HTTP request once its response is sent: request id, method, path (never the query), status, time. */
export function useAccessLog(options: AccessLogOptions): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      options.log.info({ requestId: res.getHeader(REQUEST_ID_HEADER), method: req.method, path, status: res.statusCode, ms }, 'request');
    });
  };
}
