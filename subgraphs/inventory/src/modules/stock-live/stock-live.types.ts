import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { StockMovementKind } from '@erp/contracts';
import { StockMovementKindEnum } from '../stock/stock-movement-kind.types.js';

@ObjectType('StockChange', { description: 'One movement of a product’s stock in one warehouse, with the level right after it.' })
export class StockChangeType {
  @Field(() => ID) productId!: string;
  @Field(() => StockMovementKindEnum) kind!: StockMovementKind;
  @Field(() => Int, { description: 'Signed change of on hand by this movement.' }) onHandChange!: number;
  @Field(() => Int, { description: 'Signed change of reserved by this movement.' }) reservedChange!: number;
  @Field(() => Int, { description: 'On hand in the warehouse right after it.' }) onHand!: number;
  @Field(() => Int, { description: 'Reserved in the warehouse right after it.' }) reserved!: number;
  @Field(() => Int, { description: 'Available (on hand less reserved) right after it.' }) available!: number;
  @Field(() => String, { nullable: true, description: 'ORDER, PURCHASE_ORDER, TRANSFER, ADJUSTMENT.' }) documentType!: string | null;
  @Field(() => ID, { nullable: true }) documentId!: string | null;
  @Field(() => ID, { nullable: true, description: 'The user who moved it; null for the system.' }) byUserId!: string | null;
  @Field(() => Date) at!: Date;
}

@ObjectType('StockAlert', { description: 'Available stock of a product in a warehouse fell to or under its reorder point.' })
export class StockAlertType {
  @Field(() => ID) productId!: string;
  @Field(() => Int, { description: 'Available right after the movement that crossed the reorder point.' }) available!: number;
  @Field(() => Int) reorderPoint!: number;
  @Field(() => Int, { nullable: true, description: 'What a purchase order for it orders by default.' }) reorderQuantity!: number | null;
  @Field(() => Date) at!: Date;
}
