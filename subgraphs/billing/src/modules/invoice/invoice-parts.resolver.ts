import { Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { DecimalScalar, toMoneyType, formatTaxRate, MoneyType, requestedFields, type RequestContext } from '@erp/platform';
import type { CreditNote } from '../credit-note/credit-note.entity.js';
import type { Payment } from '../payment/payment.entity.js';
import type { InvoiceLine } from './invoice-line.entity.js';
import { INVOICE_FIELD_NEEDS, invoiceLoader } from './invoice-query.service.js';
import { CreditNoteType, InvoiceLineType, InvoiceType, PaymentType } from './invoice.types.js';


@Resolver(() => InvoiceLineType)
export class InvoiceLineResolver {
  @FieldResolver(() => MoneyType)
  unitPrice(@Root() line: InvoiceLine): MoneyType {
    return toMoneyType(line.unitPriceMinor, line.currency);
  }

  @FieldResolver(() => DecimalScalar)
  taxRate(@Root() line: InvoiceLine): string {
    return formatTaxRate(line.taxRateBp);
  }

  @FieldResolver(() => MoneyType)
  net(@Root() line: InvoiceLine): MoneyType {
    return toMoneyType(line.netMinor, line.currency);
  }

  @FieldResolver(() => MoneyType)
  tax(@Root() line: InvoiceLine): MoneyType {
    return toMoneyType(line.taxMinor, line.currency);
  }
}

@Resolver(() => PaymentType)
export class PaymentResolver {
  @FieldResolver(() => MoneyType)
  amount(@Root() payment: Payment): MoneyType {
    return toMoneyType(payment.amountMinor, payment.currency);
  }

  @FieldResolver(() => InvoiceType)
  invoice(@Root() payment: Payment, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return invoiceLoader(ctx, requestedFields(info, [], INVOICE_FIELD_NEEDS)).load(payment.invoice.id);
  }
}

@Resolver(() => CreditNoteType)
export class CreditNoteResolver {
  @FieldResolver(() => MoneyType)
  amount(@Root() note: CreditNote): MoneyType {
    return toMoneyType(note.amountMinor, note.currency);
  }
}
