import { authorizeRoute, DomainError, sendJson, type HttpHandler, type SubgraphEnvironment } from '@erp/platform';
import { InvoiceLine } from '../invoice/invoice-line.entity.js';
import { getInvoice } from '../invoice/invoice-query.service.js';
import { billingPolicy } from '../../policy.js';
import { renderInvoicePdf, type PdfCustomer } from './invoice-pdf.js';

const ADDRESS = 'billingAddress { line1 line2 city postalCode country }';

const PDF_PATH = /^\/files\/invoices\/([^/]+)\/pdf$/;

/**
 * GET /files/invoices/<id>/pdf — reached through the router's /files/billing/invoices/<id>/pdf, authorized like the
 * invoice itself.
 */
export function invoicePdfRoute(env: SubgraphEnvironment): HttpHandler {
  return async (req, res) => {
    const auth = authorizeRoute(env, req, 'invoices:read', billingPolicy);
    if (!auth.ok) return sendJson(res, auth.status, { error: auth.message });
    const path = new URL(req.url ?? '/', 'http://billing').pathname;
    const id = PDF_PATH.exec(path)?.[1];
    if (!id) return sendJson(res, 404, { error: `No file ${path}` });
    try {
      const invoice = await getInvoice(auth.ctx, id);
      const lines = await auth.ctx.em.find(InvoiceLine, { invoice }, { orderBy: { position: 'ASC' } });
      const customer = await auth.ctx.peers
        .query<{ _entities: (PdfCustomer | null)[] }>(auth.ctx, 'crm', `query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { name ${ADDRESS} } } }`, {
          r: [{ __typename: 'Customer', id: invoice.customerId }],
        })
        .then((data) => data._entities[0] ?? null, () => null);
      const pdf = await renderInvoicePdf(invoice, lines, customer);
      res.writeHead(200, {
        'content-type': 'application/pdf',
        'content-length': pdf.length,
        'content-disposition': `inline; filename="${invoice.number ?? `draft-${invoice.id}`}.pdf"`,
      });
      res.end(pdf);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'NOT_FOUND') return sendJson(res, 404, { error: error.message });
      throw error;
    }
  };
}
