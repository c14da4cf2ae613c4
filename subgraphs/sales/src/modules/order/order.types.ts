import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ORDER_STATUSES, type OrderStatus } from '@erp/contracts';
import { ConnectionType, DecimalScalar, enumOf, PostalAddressFields, PostalAddressInputFields, SortDirection } from '@erp/platform';

export const OrderStatusEnum = enumOf(ORDER_STATUSES);
registerEnumType(OrderStatusEnum, { name: 'OrderStatus', description: 'DRAFT → PLACED → CONFIRMED → SHIPPED → DELIVERED; CANCELLED before shipping.' });

@ObjectType('ShippingAddress')
export class ShippingAddressType extends PostalAddressFields {}

@InputType('ShippingAddressInput')
export class ShippingAddressInput extends PostalAddressInputFields {}

@ObjectType('OrderLine', { description: 'Price, tax rate and name as they were when the line was added.' })
export class OrderLineType {
  @Field(() => ID) id!: string;
  @Field(() => Int) position!: number;
  @Field(() => String) sku!: string;
  @Field(() => String) name!: string;
  @Field(() => Int) quantity!: number;
}

@ObjectType('OrderStatusChange')
export class OrderStatusChangeType {
  @Field(() => OrderStatusEnum, { nullable: true, description: 'Null for the creation of the order.' }) from!: OrderStatus | null;
  @Field(() => OrderStatusEnum) to!: OrderStatus;
  @Field(() => Date) at!: Date;
  @Field(() => ID, { nullable: true, description: 'The user who made the change.' }) byUserId!: string | null;
  @Field(() => String, { nullable: true }) reason!: string | null;
}

@ObjectType('Shipment')
export class ShipmentType {
  @Field(() => ID) id!: string;
  @Field(() => String) carrier!: string;
  @Field(() => String) trackingNumber!: string;
  @Field(() => Date) shippedAt!: Date;
}

@Directive('@key(fields: "id")')
@ObjectType('Order', { description: 'A sales order.' })
export class OrderType {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'Human-readable, unique: SO-2026-000042.' }) number!: string;
  @Field(() => OrderStatusEnum) status!: OrderStatus;
  @Field(() => String) currency!: string;
  @Field(() => ID) customerId!: string;
  @Field(() => ShippingAddressType, { nullable: true }) shippingAddress!: ShippingAddressType | null;
  @Field(() => String, { nullable: true }) notes!: string | null;
  @Field(() => Date, { nullable: true }) placedAt!: Date | null;
  @Field(() => Date, { nullable: true }) confirmedAt!: Date | null;
  @Field(() => Date, { nullable: true }) shippedAt!: Date | null;
  @Field(() => Date, { nullable: true }) deliveredAt!: Date | null;
  @Field(() => Date, { nullable: true }) cancelledAt!: Date | null;
  @Field(() => String, { nullable: true }) cancelReason!: string | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) updatedAt!: Date;
  @Field(() => Int) version!: number;
}

export const OrderConnection = ConnectionType(OrderType, 'Order');

/** The customer, as sales knows it: only its id; crm owns the rest. */
@Directive('@key(fields: "id")')
@ObjectType('Customer')
export class CustomerRef {
  @Field(() => ID) id!: string;
}

/**
 * The product, as sales knows it: its id, and its name where an order line provides it from sales' copy of catalog's
 * names (`@provides`); catalog owns the product.
 */
@Directive('@key(fields: "id")')
@ObjectType('Product')
export class ProductRef {
  @Field(() => ID) id!: string;
  @Directive('@external')
  @Field(() => String) name?: string;
}

/**
 * The invoice, as sales knows it: its id, and its number where an order provides it from sales' copy of billing's
 * invoices (`@provides`); billing owns the invoice and resolves it.
 */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Invoice')
export class InvoiceRef {
  @Field(() => ID) id!: string;
  @Directive('@external')
  @Field(() => String, { nullable: true }) number?: string | null;
}

/** The warehouse, as sales knows it: only its id; inventory owns the rest. */
@Directive('@key(fields: "id")')
@ObjectType('Warehouse')
export class WarehouseRef {
  @Field(() => ID) id!: string;
}

@InputType()
export class OrderLineInput {
  @Field(() => ID) productId!: string;
  @Field(() => Int) quantity!: number;
  @Field(() => DecimalScalar, { nullable: true, description: 'Amount off the whole line, in the order currency.' }) discount?: string | null;
}

@InputType()
export class CreateOrderInput {
  @Field(() => ID) customerId!: string;
  @Field(() => [OrderLineInput]) lines!: OrderLineInput[];
  @Field(() => ShippingAddressInput, { nullable: true, description: 'Default: the customer’s shipping (or billing) address.' })
  shippingAddress?: ShippingAddressInput | null;
  @Field(() => String, { nullable: true }) notes?: string | null;
  @Field(() => ID, { nullable: true, description: 'The warehouse the order reserves its stock from when placed; default: inventory’s default warehouse.' })
  warehouseId?: string | null;
}

@InputType()
export class ShipOrderInput {
  @Field(() => String) carrier!: string;
  @Field(() => String) trackingNumber!: string;
}

@InputType()
export class OrderFilter {
  @Field(() => OrderStatusEnum, { nullable: true }) status?: OrderStatus | null;
  @Field(() => ID, { nullable: true }) customerId?: string | null;
  @Field(() => String, { nullable: true, description: 'Matches the order number.' }) number?: string | null;
}

export enum OrderOrderField {
  CREATED_AT = 'createdAt',
  TOTAL = 'totalMinor',
}
registerEnumType(OrderOrderField, { name: 'OrderOrderField' });

@InputType()
export class OrderOrder {
  @Field(() => OrderOrderField, { defaultValue: OrderOrderField.CREATED_AT }) field!: OrderOrderField;
  @Field(() => SortDirection, { defaultValue: SortDirection.DESC }) direction!: SortDirection;
}

