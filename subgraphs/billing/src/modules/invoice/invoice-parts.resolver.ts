import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { DecimalScalar, formatMoney, formatTaxRate, MoneyType, type RequestContext } from '@erp/platform';
import type { CreditNote } from '../credit-note/credit-note.entity.js';
import type { Payment } from '../payment/payment.entity.js';
import type { InvoiceLine } from './invoice-line.entity.js';
import { invoiceLoader } from './invoice-query.service.js';
import { CreditNoteType, InvoiceLineType, InvoiceType, PaymentType } from './invoice.types.js';

const money = (minor: bigint, currency: string): MoneyType => ({ amount: formatMoney({ minor, currency }), currency });

@Resolver(() => InvoiceLineType)
export class InvoiceLineResolver {
  @FieldResolver(() => MoneyType)
  unitPrice(@Root() line: InvoiceLine): MoneyType {
    return money(line.unitPriceMinor, line.currency);
  }

  @FieldResolver(() => DecimalScalar)
  taxRate(@Root() line: InvoiceLine): string {
    return formatTaxRate(line.taxRateBp);
  }

  @FieldResolver(() => MoneyType)
  net(@Root() line: InvoiceLine): MoneyType {
    return money(line.netMinor, line.currency);
  }

  @FieldResolver(() => MoneyType)
  tax(@Root() line: InvoiceLine): MoneyType {
    return money(line.taxMinor, line.currency);
  }
}

@Resolver(() => PaymentType)
export class PaymentResolver {
  @FieldResolver(() => MoneyType)
  amount(@Root() payment: Payment): MoneyType {
    return money(payment.amountMinor, payment.currency);
  }

  @FieldResolver(() => InvoiceType)
  invoice(@Root() payment: Payment, @Ctx() ctx: RequestContext) {
    return invoiceLoader(ctx).load(payment.invoice.id);
  }
}

@Resolver(() => CreditNoteType)
export class CreditNoteResolver {
  @FieldResolver(() => MoneyType)
  amount(@Root() note: CreditNote): MoneyType {
    return money(note.amountMinor, note.currency);
  }
}
