import { Arg, Authorized, Ctx, Directive, FieldResolver, Info, Int, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { InvoiceStatus } from '@erp/contracts';
import { MoneyType, requestedFields, toMoneyType, type RequestContext } from '@erp/platform';
import { balancesLoader, customerInvoicesLoader, INVOICE_FIELD_NEEDS, listInvoices } from '../invoice/invoice-query.service.js';
import { CustomerRef, InvoiceConnection, InvoiceStatusEnum } from '../invoice/invoice.types.js';

@Resolver(() => CustomerRef)
export class CustomerBillingResolver {
  @Authorized('invoices:read')
  @FieldResolver(() => InvoiceConnection, { nullable: true, description: 'The customer’s invoices, newest first; null when billing cannot answer.' })
  invoices(
    @Root() customer: CustomerRef,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Paging past the first page queries one customer at a time.' }) after: string | null,
    @Arg('status', () => InvoiceStatusEnum, { nullable: true }) status: InvoiceStatus | null,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const fields = requestedFields(info, ['edges', 'node'], INVOICE_FIELD_NEEDS);
    if (after) return listInvoices(ctx, { customerId: customer.id, status }, { first, after }, fields);
    return customerInvoicesLoader(ctx, first, status, fields).load(customer.id);
  }

  @Authorized('invoices:read')
  @Directive('@requires(fields: "currency")')
  @FieldResolver(() => MoneyType, { nullable: true, description: 'What the customer owes on open invoices in its own currency; null when billing cannot answer.' })
  async balanceDue(@Root() customer: CustomerRef, @Ctx() ctx: RequestContext): Promise<MoneyType> {
    const balances = await balancesLoader(ctx).load(customer.id);
    const minor = balances.get(customer.currency) ?? 0n;
    return toMoneyType(minor, customer.currency);
  }

  @Authorized('invoices:read')
  @FieldResolver(() => [MoneyType], { nullable: true, description: 'What the customer owes per currency, when it is billed in several; null when billing cannot answer.' })
  async balancesDue(@Root() customer: CustomerRef, @Ctx() ctx: RequestContext): Promise<MoneyType[]> {
    const balances = await balancesLoader(ctx).load(customer.id);
    return [...balances].map(([currency, minor]) => toMoneyType(minor, currency));
  }
}
