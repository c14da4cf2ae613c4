import { DEMO_ORDERS, DEMO_PRODUCTS, lineAmounts, minorDigits, parseDecimal, parseTaxRate, type EntityManager } from '@erp/platform';
import { InvoiceLine } from '../modules/invoice/invoice-line.entity.js';
import { Invoice } from '../modules/invoice/invoice.entity.js';
import { addDays } from '../modules/invoice/invoice.rules.js';
import { Payment } from '../modules/payment/payment.entity.js';

/** Invoices for the demo orders billing knows about: a draft, an issued, a partly paid and a paid one. */
export async function seedBillingDemo(em: EntityManager): Promise<void> {
  if ((await em.count(Invoice, {})) > 0) return;
  const year = new Date().getUTCFullYear();
  let issuedCount = 0;
  for (const demo of DEMO_ORDERS.filter((o) => o.invoice)) {
    const lines = demo.lines.map(({ product, quantity }) => {
      const p = DEMO_PRODUCTS[product]!;
      const unitPriceMinor = parseDecimal(p.price, minorDigits(p.currency));
      const taxRateBp = parseTaxRate(p.taxRate);
      return { description: `${p.name} (${p.sku})`, productId: p.id, quantity, unitPriceMinor, taxRateBp, ...lineAmounts(unitPriceMinor, quantity, 0n, taxRateBp) };
    });
    const subtotalMinor = lines.reduce((s, l) => s + l.netMinor, 0n);
    const taxMinor = lines.reduce((s, l) => s + l.taxMinor, 0n);
    const totalMinor = subtotalMinor + taxMinor;
    const issued = demo.invoice !== 'DRAFT';
    const issueDate = new Date(Date.now() - Math.max(demo.daysAgo - 1, 0) * 86_400_000).toISOString().slice(0, 10);
    const paidMinor = demo.invoice === 'PAID' ? totalMinor : demo.invoice === 'PARTIALLY_PAID' ? totalMinor / 2n : 0n;
    const invoice = em.create(Invoice, {
      customerId: demo.customerId,
      orderId: demo.id,
      currency: 'EUR',
      status: demo.invoice!,
      number: issued ? `INV-${year}-${String(++issuedCount).padStart(6, '0')}` : null,
      issueDate: issued ? issueDate : null,
      dueDate: issued ? addDays(issueDate, 30) : null,
      issuedAt: issued ? new Date(`${issueDate}T09:00:00Z`) : null,
      subtotalMinor,
      taxMinor,
      totalMinor,
      paidMinor,
      paidAt: demo.invoice === 'PAID' ? new Date() : null,
    });
    lines.forEach((line, position) => em.create(InvoiceLine, { ...line, invoice, position, currency: 'EUR' }));
    if (paidMinor > 0n) em.create(Payment, { invoice, amountMinor: paidMinor, currency: 'EUR', method: 'BANK_TRANSFER', reference: `Demo transfer ${invoice.number}` });
  }
  await em.flush();
  await em.getConnection().execute(`insert into "billing"."number_sequence" (name, year, last_value) values ('invoice', ?, ?)`, [year, issuedCount]);
}
