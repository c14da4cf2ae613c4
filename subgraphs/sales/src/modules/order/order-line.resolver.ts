import { FieldResolver, Resolver, Root } from 'type-graphql';
import { DecimalScalar, formatMoney, formatTaxRate, MoneyType } from '@erp/platform';
import type { OrderLine } from './order-line.entity.js';
import { OrderLineType, ProductRef } from './order.types.js';

function lineMoney(line: OrderLine, minor: bigint): MoneyType {
  return { amount: formatMoney({ minor, currency: line.currency }), currency: line.currency };
}

@Resolver(() => OrderLineType)
export class OrderLineResolver {
  @FieldResolver(() => ProductRef)
  product(@Root() line: OrderLine): ProductRef {
    return { id: line.productId };
  }

  @FieldResolver(() => MoneyType, { description: 'Net unit price when the line was added.' })
  unitPrice(@Root() line: OrderLine): MoneyType {
    return lineMoney(line, line.unitPriceMinor);
  }

  @FieldResolver(() => DecimalScalar, { description: 'Tax rate in percent when the line was added.' })
  taxRate(@Root() line: OrderLine): string {
    return formatTaxRate(line.taxRateBp);
  }

  @FieldResolver(() => MoneyType)
  discount(@Root() line: OrderLine): MoneyType {
    return lineMoney(line, line.discountMinor);
  }

  @FieldResolver(() => MoneyType, { description: 'unit price × quantity − discount.' })
  net(@Root() line: OrderLine): MoneyType {
    return lineMoney(line, line.netMinor);
  }

  @FieldResolver(() => MoneyType)
  tax(@Root() line: OrderLine): MoneyType {
    return lineMoney(line, line.taxMinor);
  }
}
