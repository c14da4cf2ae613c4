import { LockMode } from '@mikro-orm/core';
import { formatDocumentNumber, nextNumber, requiredText, type EntityManager, type RequestContext } from '@erp/platform';
import { Invoice } from './invoice.entity.js';
import { recordInvoiceStatusChange } from './invoice-events.js';
import { lockInvoice } from './invoice-query.service.js';
import { addDays, assertIssuable, assertVoidable } from './invoice.rules.js';

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * DRAFT → ISSUED with the next number of the year. The number is drawn inside the issuing transaction, so numbers
 * are consecutive with no gaps even when many invoices are issued at once (the sequence row serialises them).
 */
export async function issueInvoice(ctx: RequestContext, id: string): Promise<Invoice> {
  return ctx.em.transactional(async (em) => {
    const invoice = await lockInvoice(em, ctx, id);
    assertIssuable(invoice.status);
    const issueDate = today();
    const year = Number(issueDate.slice(0, 4));
    invoice.number = formatDocumentNumber('INV', year, await nextNumber(em, 'invoice', year));
    invoice.status = 'ISSUED';
    invoice.issueDate = issueDate;
    invoice.dueDate = addDays(issueDate, invoice.paymentTermsDays);
    invoice.issuedAt = new Date();
    recordInvoiceStatusChange(em, invoice, 'DRAFT');
    await em.flush();
    ctx.log.info({ invoiceId: id, number: invoice.number }, 'invoice issued');
    return invoice;
  });
}

export async function voidInvoice(ctx: RequestContext, id: string, reason: string): Promise<Invoice> {
  const why = requiredText(reason, 'reason', 2_000);
  return ctx.em.transactional(async (em) => {
    const invoice = await lockInvoice(em, ctx, id);
    assertVoidable(invoice.status, invoice.paidMinor);
    const from = invoice.status;
    Object.assign(invoice, { status: 'VOID', voidedAt: new Date(), voidReason: why });
    recordInvoiceStatusChange(em, invoice, from);
    await em.flush();
    return invoice;
  });
}

/**
 * The overdue check: issued or partly paid invoices past their due date become OVERDUE, each with its event, in
 * batches (rows locked and skipped by a concurrent check). Returns how many.
 */
export async function markOverdueInvoices(em: EntityManager, asOf: string = today()): Promise<number> {
  let marked = 0;
  for (;;) {
    const batch = await em.fork().transactional(async (tx) => {
      const due = await tx.find(
        Invoice,
        { status: { $in: ['ISSUED', 'PARTIALLY_PAID'] }, dueDate: { $lt: asOf } },
        { limit: 200, lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE, orderBy: { dueDate: 'asc', id: 'asc' } },
      );
      for (const invoice of due) {
        const from = invoice.status;
        invoice.status = 'OVERDUE';
        recordInvoiceStatusChange(tx, invoice, from);
      }
      await tx.flush();
      return due.length;
    });
    marked += batch;
    if (batch < 200) return marked;
  }
}
