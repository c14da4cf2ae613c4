import type { IncomingMessage, ServerResponse } from 'node:http';
import { CONTEXT_HEADER, REQUEST_ID_HEADER, sendJson, signContext } from '@erp/platform';
import type { Agent } from 'undici';
import { request } from 'undici';
import { readCredentials, type useAuth } from '../plugins/use-auth.js';

export const INVOICE_PDF_PATH = /^\/invoices\/([^/]+)\/pdf$/;

/**
 * GET /invoices/:id/pdf — authenticated like /graphql (Bearer token or API key), then served by billing, which
 * authorizes it like the invoice itself.
 */
export function invoicePdfRoute(options: { billingUrl: string; routerSecret: string; agent: Agent; authenticate: ReturnType<typeof useAuth> }) {
  return async (req: IncomingMessage, res: ServerResponse, invoiceId: string, requestId: string): Promise<void> => {
    if (req.method !== 'GET') return sendJson(res, 405, { error: 'Use GET.' });
    let caller;
    try {
      caller = await options.authenticate(readCredentials(req.headers), requestId);
    } catch (error) {
      return sendJson(res, 401, { error: (error as Error).message });
    }
    if (!caller) return sendJson(res, 401, { error: 'Send a Bearer token or an API key.' });
    const upstream = await request(`${options.billingUrl}/files/invoices/${encodeURIComponent(invoiceId)}/pdf`, {
      dispatcher: options.agent,
      headers: { [REQUEST_ID_HEADER]: requestId, [CONTEXT_HEADER]: signContext({ caller, requestId }, options.routerSecret) },
    });
    const headers: Record<string, string> = {};
    for (const name of ['content-type', 'content-length', 'content-disposition']) {
      const value = upstream.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    res.writeHead(upstream.statusCode, headers);
    for await (const chunk of upstream.body) res.write(chunk);
    res.end();
  };
}
