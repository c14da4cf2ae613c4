import PDFDocument from 'pdfkit';
import { formatMoney, formatTaxRate } from '@erp/platform';
import type { CustomerForInvoicePdfFragment } from '../../peers/generated.js';
import type { InvoiceLine } from '../invoice/invoice-line.entity.js';
import type { Invoice } from '../invoice/invoice.entity.js';
import { balanceDue } from '../invoice/invoice.rules.js';

/** Renders an invoice as an A4 PDF (pdfkit's built-in Helvetica: nothing to download). */
export function renderInvoicePdf(invoice: Invoice, lines: InvoiceLine[], customer: CustomerForInvoicePdfFragment | null): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `Invoice ${invoice.number ?? 'draft'}` } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const money = (minor: bigint) => `${formatMoney({ minor, currency: invoice.currency })} ${invoice.currency}`;

  doc.fontSize(22).text(invoice.number ? `Invoice ${invoice.number}` : 'Draft invoice (not issued)');
  doc.moveDown(0.5).fontSize(10).fillColor('#555');
  doc.text(`Status: ${invoice.status}`);
  if (invoice.issueDate) doc.text(`Issue date: ${invoice.issueDate}    Due date: ${invoice.dueDate}`);
  doc.moveDown().fillColor('#000').fontSize(12).text('Bill to:');
  doc.fontSize(10).text(customer?.name ?? invoice.customerId);
  const address = customer?.billingAddress;
  if (address) doc.text([address.line1, address.line2, `${address.postalCode ?? ''} ${address.city}`.trim(), address.country].filter(Boolean).join('\n'));

  doc.moveDown(1.5).fontSize(10);
  const columns = [50, 300, 350, 420, 480];
  const row = (cells: string[], bold = false) => {
    const y = doc.y;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica');
    cells.forEach((cell, index) => doc.text(cell, columns[index], y, { width: (columns[index + 1] ?? 545) - columns[index]! - 5, align: index === 0 ? 'left' : 'right' }));
    doc.moveDown(0.3);
  };
  row(['Description', 'Qty', 'Unit price', 'Tax', 'Net'], true);
  for (const line of lines) {
    row([line.description, String(line.quantity), formatMoney({ minor: line.unitPriceMinor, currency: line.currency }), `${formatTaxRate(line.taxRateBp)} %`, formatMoney({ minor: line.netMinor, currency: line.currency })]);
  }
  doc.moveDown();
  row(['Subtotal', '', '', '', money(invoice.subtotalMinor)]);
  row(['Tax', '', '', '', money(invoice.taxMinor)]);
  row(['Total', '', '', '', money(invoice.totalMinor)], true);
  if (invoice.paidMinor > 0n) row(['Paid', '', '', '', money(invoice.paidMinor)]);
  if (invoice.creditedMinor > 0n) row(['Credited', '', '', '', money(invoice.creditedMinor)]);
  row(['Balance due', '', '', '', money(invoice.status === 'VOID' ? 0n : balanceDue(invoice))], true);
  doc.end();
  return done;
}
