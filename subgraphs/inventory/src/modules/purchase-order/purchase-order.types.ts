import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PURCHASE_ORDER_STATUSES, type PurchaseOrderStatus } from '@erp/contracts';
import { ConnectionType, DecimalScalar, enumOf, MoneyType } from '@erp/platform';

export const PurchaseOrderStatusEnum = enumOf(PURCHASE_ORDER_STATUSES);
registerEnumType(PurchaseOrderStatusEnum, { name: 'PurchaseOrderStatus', description: 'DRAFT → SENT → PARTIALLY_RECEIVED → RECEIVED; CANCELLED from DRAFT or SENT.' });

@ObjectType('PurchaseOrderLine')
export class PurchaseOrderLineType {
  @Field(() => ID) id!: string;
  @Field(() => Int) position!: number;
  @Field(() => ID) productId!: string;
  @Field(() => Int) quantityOrdered!: number;
  @Field(() => Int) quantityReceived!: number;
}

@ObjectType('PurchaseOrder', { description: 'An order to a supplier for goods arriving in one warehouse, in the supplier’s currency.' })
export class PurchaseOrderType {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'PO-2026-000001, gap-free per year.' }) number!: string;
  @Field(() => PurchaseOrderStatusEnum) status!: PurchaseOrderStatus;
  @Field(() => String, { description: 'ISO 4217: every unit cost of the order is in it.' }) currency!: string;
  @Field(() => String, { nullable: true, description: 'ISO date the goods are expected.' }) expectedDate!: string | null;
  @Field(() => String, { nullable: true }) notes!: string | null;
  @Field(() => Date, { nullable: true }) sentAt!: Date | null;
  @Field(() => Date, { nullable: true }) receivedAt!: Date | null;
  @Field(() => Date, { nullable: true }) cancelledAt!: Date | null;
  @Field(() => String, { nullable: true }) cancelReason!: string | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) updatedAt!: Date;
  @Field(() => Int) version!: number;
}

export const PurchaseOrderConnection = ConnectionType(PurchaseOrderType, 'PurchaseOrder');

@InputType()
export class PurchaseOrderLineInput {
  @Field(() => ID) productId!: string;
  @Field(() => Int) quantity!: number;
  @Field(() => DecimalScalar, { description: 'Cost of one unit in the supplier’s currency, e.g. "10.01".' }) unitCost!: string;
}

@InputType()
export class CreatePurchaseOrderInput {
  @Field(() => ID) supplierId!: string;
  @Field(() => ID) warehouseId!: string;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; default: today plus the supplier’s lead time.' }) expectedDate?: string | null;
  @Field(() => String, { nullable: true }) notes?: string | null;
  @Field(() => [PurchaseOrderLineInput]) lines!: PurchaseOrderLineInput[];
}

@InputType({ description: 'Changes a draft; lines, when given, replace all its lines.' })
export class UpdatePurchaseOrderInput {
  @Field(() => ID, { nullable: true }) warehouseId?: string | null;
  @Field(() => String, { nullable: true }) expectedDate?: string | null;
  @Field(() => String, { nullable: true }) notes?: string | null;
  @Field(() => [PurchaseOrderLineInput], { nullable: true }) lines?: PurchaseOrderLineInput[] | null;
  @Field(() => Int, { nullable: true, description: 'The version you read: a CONFLICT if someone changed it since.' }) expectedVersion?: number | null;
}

@InputType()
export class ReceiptLineInput {
  @Field(() => ID) lineId!: string;
  @Field(() => Int, { description: 'What arrived now: 1 to what is still to come on the line.' }) quantity!: number;
}

@InputType()
export class ReceivePurchaseOrderInput {
  @Field(() => ID) purchaseOrderId!: string;
  @Field(() => [ReceiptLineInput]) lines!: ReceiptLineInput[];
  @Field(() => String, { nullable: true, description: 'A retried receipt with the same key is received once and answers the order as it is.' })
  idempotencyKey?: string | null;
}

@ObjectType('PreferredSupplier', { description: 'The supplier a product is reordered from when it runs low.' })
export class PreferredSupplierType {
  @Field(() => ID) productId!: string;
  @Field(() => ID) supplierId!: string;
}

@InputType()
export class SetPreferredSupplierInput {
  @Field(() => ID) productId!: string;
  @Field(() => ID) supplierId!: string;
  @Field(() => DecimalScalar, { nullable: true, description: 'Agreed cost of one unit in the supplier’s currency; without it the last ordered cost is used.' })
  unitCost?: string | null;
}

