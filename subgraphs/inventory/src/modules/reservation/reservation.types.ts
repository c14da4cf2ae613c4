import { Directive, Field, ID, InputType, Int, ObjectType } from 'type-graphql';

/*
 * Commands sales sends when an order is placed (peer commands, `subgraphs/sales/src/peers/inventory.commands.graphql`):
 * @inaccessible, so the router's clients never see them; orders reserve through placeOrder.
 */

@Directive('@inaccessible')
@ObjectType('ReservedLine')
export class ReservedLineType {
  @Field(() => ID) productId!: string;
  @Field(() => Int) quantity!: number;
}

@Directive('@inaccessible')
@ObjectType('StockReservation')
export class StockReservationType {
  @Field(() => ID, { nullable: true, description: 'Null when nothing of the order is stock-tracked: nothing was reserved.' }) id!: string | null;
  @Field(() => ID) orderId!: string;
  @Field(() => ID, { nullable: true }) warehouseId!: string | null;
  @Field(() => String) status!: string;
  @Field(() => [ReservedLineType], { description: 'The stock-tracked lines only.' }) lines!: ReservedLineType[];
}

@Directive('@inaccessible')
@InputType()
export class ReserveLineInput {
  @Field(() => ID) productId!: string;
  @Field(() => Int) quantity!: number;
}

@Directive('@inaccessible')
@InputType()
export class ReserveStockForOrderInput {
  @Field(() => ID) orderId!: string;
  @Field(() => ID, { nullable: true, description: 'Default: the default warehouse.' }) warehouseId?: string | null;
  @Field(() => [ReserveLineInput]) lines!: ReserveLineInput[];
  @Field(() => ID, { nullable: true, description: 'The user placing the order, for the movements (sales sends it; the caller is sales).' }) byUserId?: string | null;
}
