import { Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { DecimalScalar, formatTaxRate, MoneyType, toMoneyType } from '@erp/platform';
import type { OrderLineRow } from './order-query.service.js';
import { OrderLineType, ProductRef } from './order.types.js';


@Resolver(() => OrderLineType)
export class OrderLineResolver {
  /**
   * The name comes from sales' copy of catalog's names, so the router need not ask catalog for it; a product the copy
   * has not heard of yet shows the name the line was sold under.
   */
  @Directive('@provides(fields: "name")')
  @FieldResolver(() => ProductRef, { nullable: true, description: 'Null when catalog cannot answer (the error names it); the line keeps its own name and sku.' })
  product(@Root() line: OrderLineRow): ProductRef {
    return { id: line.productId!, name: line.productName ?? line.name };
  }

  @FieldResolver(() => MoneyType, { description: 'Net unit price when the line was added.' })
  unitPrice(@Root() line: OrderLineRow): MoneyType {
    return toMoneyType(line.unitPriceMinor!, line.currency!);
  }

  @FieldResolver(() => DecimalScalar, { description: 'Tax rate in percent when the line was added.' })
  taxRate(@Root() line: OrderLineRow): string {
    return formatTaxRate(line.taxRateBp!);
  }

  @FieldResolver(() => MoneyType)
  discount(@Root() line: OrderLineRow): MoneyType {
    return toMoneyType(line.discountMinor!, line.currency!);
  }

  @FieldResolver(() => MoneyType, { description: 'unit price × quantity − discount.' })
  net(@Root() line: OrderLineRow): MoneyType {
    return toMoneyType(line.netMinor!, line.currency!);
  }

  @FieldResolver(() => MoneyType)
  tax(@Root() line: OrderLineRow): MoneyType {
    return toMoneyType(line.taxMinor!, line.currency!);
  }
}
