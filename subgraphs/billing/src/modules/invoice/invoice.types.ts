import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { INVOICE_STATUSES, PAYMENT_METHODS, type InvoiceStatus, type PaymentMethod } from '@erp/contracts';
import { ConnectionType, DecimalScalar, enumOf } from '@erp/platform';

export const InvoiceStatusEnum = enumOf(INVOICE_STATUSES);
registerEnumType(InvoiceStatusEnum, { name: 'InvoiceStatus', description: 'DRAFT → ISSUED → PARTIALLY_PAID → PAID; OVERDUE after the due date; VOID.' });

export const PaymentMethodEnum = enumOf(PAYMENT_METHODS);
registerEnumType(PaymentMethodEnum, { name: 'PaymentMethod' });

@ObjectType('InvoiceLine')
export class InvoiceLineType {
  @Field(() => ID) id!: string;
  @Field(() => Int) position!: number;
  @Field(() => String) description!: string;
  @Field(() => ID, { nullable: true }) productId!: string | null;
  @Field(() => Int) quantity!: number;
}

@Directive('@key(fields: "id")')
@ObjectType('Invoice', { description: 'An invoice; once issued it is never edited, only corrected by credit notes.' })
export class InvoiceType {
  @Field(() => ID) id!: string;
  /** Shareable: sales shows it on orders from its copy of billing's invoices (`@provides`). */
  @Directive('@shareable')
  @Field(() => String, { nullable: true, description: 'Assigned when issued: INV-2026-000042.' }) number!: string | null;
  @Field(() => InvoiceStatusEnum) status!: InvoiceStatus;
  @Field(() => String) currency!: string;
  @Field(() => ID) customerId!: string;
  @Field(() => ID, { nullable: true }) orderId!: string | null;
  @Field(() => String, { nullable: true, description: 'ISO date.' }) issueDate!: string | null;
  @Field(() => String, { nullable: true, description: 'ISO date.' }) dueDate!: string | null;
  @Field(() => Int) paymentTermsDays!: number;
  @Field(() => String, { nullable: true }) notes!: string | null;
  @Field(() => Date, { nullable: true }) issuedAt!: Date | null;
  @Field(() => Date, { nullable: true }) paidAt!: Date | null;
  @Field(() => Date, { nullable: true }) voidedAt!: Date | null;
  @Field(() => String, { nullable: true }) voidReason!: string | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) updatedAt!: Date;
  @Field(() => Int) version!: number;
}

export const InvoiceConnection = ConnectionType(InvoiceType, 'Invoice');

@ObjectType('Payment')
export class PaymentType {
  @Field(() => ID) id!: string;
  @Field(() => PaymentMethodEnum) method!: PaymentMethod;
  @Field(() => String, { nullable: true }) reference!: string | null;
  @Field(() => Date) receivedAt!: Date;
}

@ObjectType('CreditNote')
export class CreditNoteType {
  @Field(() => ID) id!: string;
  @Field(() => String) number!: string;
  @Field(() => String) reason!: string;
  @Field(() => Date) issuedAt!: Date;
}

/** The customer as billing knows it; `currency` comes from crm to total the balance due in it. */
@Directive('@key(fields: "id")')
@ObjectType('Customer')
export class CustomerRef {
  @Field(() => ID) id!: string;
  @Directive('@external')
  @Field(() => String) currency!: string;
}

@Directive('@key(fields: "id")')
@ObjectType('Order')
export class OrderRef {
  @Field(() => ID) id!: string;
}

@InputType()
export class InvoiceLineInput {
  @Field(() => String) description!: string;
  @Field(() => Int) quantity!: number;
  @Field(() => DecimalScalar, { description: 'Net unit price.' }) unitPrice!: string;
  @Field(() => DecimalScalar, { description: 'Percent, e.g. "20".' }) taxRate!: string;
  @Field(() => ID, { nullable: true }) productId?: string | null;
}

@InputType()
export class CreateInvoiceInput {
  @Field(() => ID) customerId!: string;
  @Field(() => String) currency!: string;
  @Field(() => [InvoiceLineInput]) lines!: InvoiceLineInput[];
  @Field(() => Int, { nullable: true, description: 'Days from issue to due date; default 30.' }) paymentTermsDays?: number | null;
  @Field(() => String, { nullable: true }) notes?: string | null;
}

@InputType()
export class RecordPaymentInput {
  @Field(() => ID) invoiceId!: string;
  @Field(() => DecimalScalar) amount!: string;
  @Field(() => PaymentMethodEnum) method!: PaymentMethod;
  @Field(() => String, { nullable: true, description: 'Bank reference, card slip, …' }) reference?: string | null;
  @Field(() => String, { description: 'Replaying a key returns the first result and records nothing new.' }) idempotencyKey!: string;
}

@InputType()
export class CreateCreditNoteInput {
  @Field(() => ID) invoiceId!: string;
  @Field(() => DecimalScalar, { description: 'Gross amount taken off what is owed.' }) amount!: string;
  @Field(() => String) reason!: string;
}

@InputType()
export class InvoiceFilter {
  @Field(() => InvoiceStatusEnum, { nullable: true }) status?: InvoiceStatus | null;
  @Field(() => ID, { nullable: true }) customerId?: string | null;
  @Field(() => ID, { nullable: true }) orderId?: string | null;
}
