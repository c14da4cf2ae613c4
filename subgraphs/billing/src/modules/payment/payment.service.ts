import type { PaymentMethod } from '@erp/contracts';
import { actingUserId, minorDigits, optionalText, parseDecimal, withIdempotency, type RequestContext } from '@erp/platform';
import { recordInvoiceStatusChange, recordPaymentReceived } from '../invoice/invoice-events.js';
import { lockInvoice } from '../invoice/invoice-query.service.js';
import { assertPayment, balanceDue, statusAfterSettlement } from '../invoice/invoice.rules.js';
import { Payment } from './payment.entity.js';

/**
 * Records money received against an invoice. The invoice row is locked for the transaction, so two payments at once
 * cannot together overpay it; the idempotency key makes a retried request return the first payment.
 */
export async function recordPayment(
  ctx: RequestContext,
  input: { invoiceId: string; amount: string; method: string; reference?: string | null; idempotencyKey: string },
): Promise<Payment> {
  const reference = optionalText(input.reference, 'reference', 200);
  const { resultId } = await withIdempotency(
    ctx.em,
    'recordPayment',
    input.idempotencyKey,
    { invoiceId: input.invoiceId, amount: input.amount, method: input.method, reference },
    async (tx) => {
      const invoice = await lockInvoice(tx, ctx, input.invoiceId);
      const amountMinor = parseDecimal(input.amount, minorDigits(invoice.currency), 'amount');
      assertPayment(invoice.status, balanceDue(invoice), amountMinor);
      const payment = tx.create(Payment, {
        invoice,
        amountMinor,
        currency: invoice.currency,
        method: input.method as PaymentMethod,
        reference,
        recordedBy: actingUserId(ctx),
      });
      invoice.paidMinor += amountMinor;
      const from = invoice.status;
      invoice.status = statusAfterSettlement(invoice.status, invoice);
      if (invoice.status === 'PAID') invoice.paidAt = new Date();
      await tx.flush();
      recordPaymentReceived(tx, invoice, payment);
      recordInvoiceStatusChange(tx, invoice, from);
      await tx.flush();
      ctx.log.info({ invoiceId: invoice.id, paymentId: payment.id, status: invoice.status }, 'payment recorded');
      return payment.id;
    },
  );
  ctx.em.clear();
  return ctx.em.findOneOrFail(Payment, { id: resultId }, { populate: ['invoice'] });
}
