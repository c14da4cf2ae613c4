import type { FileRoute } from '@erp/platform';
import { InvoiceLine } from '../invoice/invoice-line.entity.js';
import { getInvoice } from '../invoice/invoice-query.service.js';
import { renderInvoicePdf, type PdfCustomer } from './invoice-pdf.js';

const ADDRESS = 'billingAddress { line1 line2 city postalCode country }';

/** An invoice as a PDF, at the router's /files/billing/invoices/:id/pdf; authorized like the invoice itself. */
export const invoicePdfFile: FileRoute = {
  permission: 'invoices:read',
  async serve(ctx, { id }, res) {
    const invoice = await getInvoice(ctx, id!);
    const lines = await ctx.em.find(InvoiceLine, { invoice }, { orderBy: { position: 'ASC' } });
    const customer = await ctx.peers
      .query<{ _entities: (PdfCustomer | null)[] }>(ctx, 'crm', `query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { name ${ADDRESS} } } }`, {
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
  },
};
