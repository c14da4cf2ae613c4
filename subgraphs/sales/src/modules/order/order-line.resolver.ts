import { FieldResolver, Resolver, Root } from 'type-graphql';
import { DecimalScalar, formatTaxRate, MoneyType, toMoneyType } from '@erp/platform';
import type { OrderLine } from './order-line.entity.js';
import { OrderLineType, ProductRef } from './order.types.js';


@Resolver(() => OrderLineType)
export class OrderLineResolver {
  @FieldResolver(() => ProductRef)
  product(@Root() line: OrderLine): ProductRef {
    return { id: line.productId };
  }

  @FieldResolver(() => MoneyType, { description: 'Net unit price when the line was added.' })
  unitPrice(@Root() line: OrderLine): MoneyType {
    return toMoneyType(line.unitPriceMinor, line.currency);
  }

  @FieldResolver(() => DecimalScalar, { description: 'Tax rate in percent when the line was added.' })
  taxRate(@Root() line: OrderLine): string {
    return formatTaxRate(line.taxRateBp);
  }

  @FieldResolver(() => MoneyType)
  discount(@Root() line: OrderLine): MoneyType {
    return toMoneyType(line.discountMinor, line.currency);
  }

  @FieldResolver(() => MoneyType, { description: 'unit price × quantity − discount.' })
  net(@Root() line: OrderLine): MoneyType {
    return toMoneyType(line.netMinor, line.currency);
  }

  @FieldResolver(() => MoneyType)
  tax(@Root() line: OrderLine): MoneyType {
    return toMoneyType(line.taxMinor, line.currency);
  }
}
