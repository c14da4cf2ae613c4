import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { toMoneyType, MoneyType, PageArgs, requestedFields, type RequestContext } from '@erp/platform';
import { createCreditNote } from '../credit-note/credit-note.service.js';
import { recordPayment } from '../payment/payment.service.js';
import { createInvoice, createInvoiceFromOrder } from './invoice-creation.service.js';
import { issueInvoice, markOverdueInvoices, voidInvoice } from './invoice-lifecycle.service.js';
import {
  CREDIT_NOTE_FIELD_NEEDS,
  creditNotesLoader,
  findInvoice,
  INVOICE_FIELD_NEEDS,
  INVOICE_LINE_FIELD_NEEDS,
  invoiceLinesLoader,
  listInvoices,
  PAYMENT_FIELD_NEEDS,
  paymentsLoader,
  type InvoiceRow,
} from './invoice-query.service.js';
import { balanceDue } from './invoice.rules.js';
import {
  CreateCreditNoteInput,
  CreateInvoiceInput,
  CreditNoteType,
  CustomerRef,
  InvoiceConnection,
  InvoiceFilter,
  InvoiceLineType,
  InvoiceType,
  OrderRef,
  PaymentType,
  RecordPaymentInput,
} from './invoice.types.js';

@ArgsType()
class InvoicesArgs extends PageArgs {
  @Field(() => InvoiceFilter, { nullable: true }) filter?: InvoiceFilter | null;
}


@Resolver(() => InvoiceType)
export class InvoiceResolver {
  @Authorized('invoices:read')
  @Query(() => InvoiceConnection, { description: 'Newest first; customer-portal users see their own.' })
  invoices(@Args(() => InvoicesArgs) args: InvoicesArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return listInvoices(ctx, args.filter ?? {}, args, requestedFields(info, ['edges', 'node'], INVOICE_FIELD_NEEDS));
  }

  @Authorized('invoices:read')
  @Query(() => InvoiceType)
  invoice(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return findInvoice(ctx, id, requestedFields(info, [], INVOICE_FIELD_NEEDS));
  }

  @Authorized('invoices:write')
  @Mutation(() => InvoiceType, { description: 'A DRAFT invoice with the lines and amounts of a confirmed order.' })
  createInvoiceFromOrder(@Arg('orderId', () => ID) orderId: string, @Ctx() ctx: RequestContext) {
    return createInvoiceFromOrder(ctx, orderId);
  }

  @Authorized('invoices:write')
  @Mutation(() => InvoiceType, { description: 'A DRAFT invoice written by hand.' })
  createInvoice(@Arg('input', () => CreateInvoiceInput) input: CreateInvoiceInput, @Ctx() ctx: RequestContext) {
    return createInvoice(ctx, input);
  }

  @Authorized('invoices:write')
  @Mutation(() => InvoiceType, { description: 'DRAFT → ISSUED: assigns the next gap-free number of the year and the due date.' })
  issueInvoice(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return issueInvoice(ctx, id);
  }

  @Authorized('invoices:write')
  @Mutation(() => InvoiceType, { description: 'Voids an invoice without payments.' })
  voidInvoice(@Arg('id', () => ID) id: string, @Arg('reason', () => String) reason: string, @Ctx() ctx: RequestContext) {
    return voidInvoice(ctx, id, reason);
  }

  @Authorized('invoices:write')
  @Mutation(() => PaymentType, { description: 'Money received; replaying an idempotencyKey returns the first payment and records nothing.' })
  recordPayment(@Arg('input', () => RecordPaymentInput) input: RecordPaymentInput, @Ctx() ctx: RequestContext) {
    return recordPayment(ctx, input);
  }

  @Authorized('invoices:write')
  @Mutation(() => CreditNoteType, { description: 'Corrects an issued invoice by reducing what is owed.' })
  createCreditNote(@Arg('input', () => CreateCreditNoteInput) input: CreateCreditNoteInput, @Ctx() ctx: RequestContext) {
    return createCreditNote(ctx, input);
  }

  @Authorized('invoices:write')
  @Mutation(() => Int, { description: 'Marks invoices past their due date OVERDUE (the daily job runs the same); returns how many.' })
  markOverdueInvoices(@Ctx() ctx: RequestContext) {
    return markOverdueInvoices(ctx.em);
  }

  @FieldResolver(() => CustomerRef, { nullable: true, description: 'Null when crm cannot answer (the error names it); the invoice stays readable.' })
  customer(@Root() invoice: InvoiceRow): { id: string } {
    return { id: invoice.customerId! };
  }

  @FieldResolver(() => OrderRef, { nullable: true })
  order(@Root() invoice: InvoiceRow): { id: string } | null {
    return invoice.orderId ? { id: invoice.orderId } : null;
  }

  @FieldResolver(() => MoneyType)
  subtotal(@Root() invoice: InvoiceRow): MoneyType {
    return toMoneyType(invoice.subtotalMinor!, invoice.currency!);
  }

  @FieldResolver(() => MoneyType)
  tax(@Root() invoice: InvoiceRow): MoneyType {
    return toMoneyType(invoice.taxMinor!, invoice.currency!);
  }

  @FieldResolver(() => MoneyType)
  total(@Root() invoice: InvoiceRow): MoneyType {
    return toMoneyType(invoice.totalMinor!, invoice.currency!);
  }

  @FieldResolver(() => MoneyType)
  amountPaid(@Root() invoice: InvoiceRow): MoneyType {
    return toMoneyType(invoice.paidMinor!, invoice.currency!);
  }

  @FieldResolver(() => MoneyType, { description: 'Sum of the credit notes.' })
  amountCredited(@Root() invoice: InvoiceRow): MoneyType {
    return toMoneyType(invoice.creditedMinor!, invoice.currency!);
  }

  @FieldResolver(() => MoneyType, { description: 'total − paid − credited.' })
  balanceDue(@Root() invoice: InvoiceRow): MoneyType {
    return toMoneyType(invoice.status === 'VOID' ? 0n : balanceDue(invoice as Required<InvoiceRow>), invoice.currency!);
  }

  @FieldResolver(() => [InvoiceLineType])
  lines(@Root() invoice: InvoiceRow, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return invoiceLinesLoader(ctx, requestedFields(info, [], INVOICE_LINE_FIELD_NEEDS)).load(invoice.id);
  }

  @FieldResolver(() => [PaymentType])
  payments(@Root() invoice: InvoiceRow, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return paymentsLoader(ctx, requestedFields(info, [], PAYMENT_FIELD_NEEDS)).load(invoice.id);
  }

  @FieldResolver(() => [CreditNoteType])
  creditNotes(@Root() invoice: InvoiceRow, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return creditNotesLoader(ctx, requestedFields(info, [], CREDIT_NOTE_FIELD_NEEDS)).load(invoice.id);
  }
}
