import type { PeerClient, RequestContext } from '@erp/platform';
import type { Attachment } from '../channels/channel-provider.js';

/** The invoice's PDF as billing renders it (its /files/invoices/<id>/pdf route, which authorizes like the invoice). */
export async function fetchInvoicePdf(peers: PeerClient, ctx: Pick<RequestContext, 'caller' | 'requestId'>, invoiceId: string, filename: string): Promise<Attachment> {
  const pdf = await peers.fetchBytes(ctx, 'billing', `/files/invoices/${encodeURIComponent(invoiceId)}/pdf`);
  return { filename, contentType: 'application/pdf', content: pdf.body };
}
