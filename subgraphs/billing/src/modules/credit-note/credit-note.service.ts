import { formatDocumentNumber, minorDigits, nextNumber, parseDecimal, requiredText, type RequestContext } from '@erp/platform';
import { recordInvoiceStatusChange } from '../invoice/invoice-events.js';
import { lockInvoice } from '../invoice/invoice-query.service.js';
import { assertCreditable, balanceDue, statusAfterSettlement } from '../invoice/invoice.rules.js';
import { CreditNote } from './credit-note.entity.js';

/** Corrects an issued invoice by reducing what is owed; numbered CN-YYYY-NNNNNN like invoices. */
export async function createCreditNote(ctx: RequestContext, input: { invoiceId: string; amount: string; reason: string }): Promise<CreditNote> {
  const reason = requiredText(input.reason, 'reason', 2_000);
  return ctx.em.transactional(async (em) => {
    const invoice = await lockInvoice(em, ctx, input.invoiceId);
    const amountMinor = parseDecimal(input.amount, minorDigits(invoice.currency), 'amount');
    assertCreditable(invoice.status, balanceDue(invoice), amountMinor);
    const year = new Date().getUTCFullYear();
    const note = em.create(CreditNote, {
      number: formatDocumentNumber('CN', year, await nextNumber(em, 'credit_note', year)),
      invoice,
      amountMinor,
      currency: invoice.currency,
      reason,
    });
    invoice.creditedMinor += amountMinor;
    const from = invoice.status;
    invoice.status = statusAfterSettlement(invoice.status, invoice);
    recordInvoiceStatusChange(em, invoice, from);
    await em.flush();
    return note;
  });
}
