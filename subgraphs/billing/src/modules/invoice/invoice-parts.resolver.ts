import { Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { DecimalScalar, toMoneyType, formatTaxRate, MoneyType, requestedFields, type RequestContext } from '@erp/platform';
import type { Payment } from '../payment/payment.entity.js';
import { INVOICE_FIELD_NEEDS, invoiceLoader, type CreditNoteRow, type InvoiceLineRow, type PaymentRow } from './invoice-query.service.js';
import { CreditNoteType, InvoiceLineType, InvoiceType, PaymentType } from './invoice.types.js';


@Resolver(() => InvoiceLineType)
export class InvoiceLineResolver {
  @FieldResolver(() => MoneyType)
  unitPrice(@Root() line: InvoiceLineRow): MoneyType {
    return toMoneyType(line.unitPriceMinor!, line.currency!);
  }

  @FieldResolver(() => DecimalScalar)
  taxRate(@Root() line: InvoiceLineRow): string {
    return formatTaxRate(line.taxRateBp!);
  }

  @FieldResolver(() => MoneyType)
  net(@Root() line: InvoiceLineRow): MoneyType {
    return toMoneyType(line.netMinor!, line.currency!);
  }

  @FieldResolver(() => MoneyType)
  tax(@Root() line: InvoiceLineRow): MoneyType {
    return toMoneyType(line.taxMinor!, line.currency!);
  }
}

@Resolver(() => PaymentType)
export class PaymentResolver {
  @FieldResolver(() => MoneyType)
  amount(@Root() payment: Payment | PaymentRow): MoneyType {
    return toMoneyType(payment.amountMinor!, payment.currency!);
  }

  @FieldResolver(() => InvoiceType)
  invoice(@Root() payment: Payment | PaymentRow, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    // An invoice's payments are read as rows (the invoice as invoiceId); recordPayment answers an entity.
    const invoiceId = 'invoiceId' in payment ? payment.invoiceId! : (payment as Payment).invoice.id;
    return invoiceLoader(ctx, requestedFields(info, [], INVOICE_FIELD_NEEDS)).load(invoiceId);
  }
}

@Resolver(() => CreditNoteType)
export class CreditNoteResolver {
  @FieldResolver(() => MoneyType)
  amount(@Root() note: CreditNoteRow): MoneyType {
    return toMoneyType(note.amountMinor!, note.currency!);
  }
}
