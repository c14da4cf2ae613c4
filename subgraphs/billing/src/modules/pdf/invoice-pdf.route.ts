import type { FileRoute } from '@erp/platform';
import { InvoiceLine } from '../invoice/invoice-line.entity.js';
import { getInvoice } from '../invoice/invoice-query.service.js';
import { CustomerForInvoicePdfFragmentDoc } from '../../peers/generated.js';
import { renderInvoicePdf } from './invoice-pdf.js';

/** An invoice as a PDF, at the router's /files/billing/invoices/:id/pdf; authorized like the invoice itself. */
export const invoicePdfFile: FileRoute = {
  permission: 'invoices:read',
  async serve(ctx, { id }, res) {
    const invoice = await getInvoice(ctx, id!);
    const lines = await ctx.em.find(InvoiceLine, { invoice }, { orderBy: { position: 'ASC' } });
    // Without crm the PDF still renders, billed to the customer's id.
    const customer = await ctx.peers.entity(ctx, 'crm', CustomerForInvoicePdfFragmentDoc, invoice.customerId).catch(() => null);
    const pdf = await renderInvoicePdf(invoice, lines, customer);
    res.writeHead(200, {
      'content-type': 'application/pdf',
      'content-length': pdf.length,
      'content-disposition': `inline; filename="${invoice.number ?? `draft-${invoice.id}`}.pdf"`,
    });
    res.end(pdf);
  },
};
