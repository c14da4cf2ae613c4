import { Directive, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { MoneyType } from '@erp/platform';

/** The product, as inventory knows it: only its id; catalog owns the rest. */
@Directive('@key(fields: "id")')
@ObjectType('Product')
export class ProductRef {
  @Field(() => ID) id!: string;
}

@ObjectType('StockLevel', { description: 'A product’s stock in one warehouse.' })
export class StockLevelType {
  @Field(() => ID) id!: string;
  @Field(() => ID) productId!: string;
  @Field(() => Int, { description: 'Physically in the warehouse.' }) onHand!: number;
  @Field(() => Int, { description: 'Promised to placed orders, not yet shipped.' }) reserved!: number;
  @Field(() => Int, { nullable: true, description: 'Available at or under this is low stock (stock.low).' }) reorderPoint!: number | null;
  @Field(() => Int, { nullable: true, description: 'What a purchase order for it orders by default.' }) reorderQuantity!: number | null;
  @Field(() => Date) updatedAt!: Date;
}

@ObjectType('ProductStock', { description: 'A product’s stock over every warehouse.' })
export class ProductStockType {
  @Field(() => Boolean, { description: 'False for a service (never reserved) or a product inventory has never stocked.' }) tracked!: boolean;
  @Field(() => Int) onHand!: number;
  @Field(() => Int) reserved!: number;
  @Field(() => Int, { description: 'On hand less reserved.' }) available!: number;
  @Field(() => [StockLevelType]) byWarehouse!: StockLevelType[];
  @Field(() => MoneyType, {
    nullable: true,
    description:
      'Moving-average cost of one unit: value ÷ on hand, with 4 more decimals than the currency has (EUR: "10.007000"), rounded half away from zero. Null when nothing costed is on hand.',
  })
  averageCost!: MoneyType | null;
  @Field(() => MoneyType, { nullable: true, description: 'What the stock on hand (every warehouse) cost, exactly, in minor units of its currency. Null when nothing costed is on hand.' })
  value!: MoneyType | null;
}

@ObjectType('StockTracking')
export class StockTrackingType {
  @Field(() => ID) productId!: string;
  @Field(() => Boolean) tracked!: boolean;
}

@InputType()
export class AdjustStockInput {
  @Field(() => ID) productId!: string;
  @Field(() => ID) warehouseId!: string;
  @Field(() => Int, { description: 'Positive adds stock, negative removes it (never below what is reserved).' }) quantity!: number;
  @Field(() => String, { description: 'Why: a count, damage, a sample.' }) reason!: string;
}

@InputType()
export class TransferStockInput {
  @Field(() => ID) productId!: string;
  @Field(() => ID) fromWarehouseId!: string;
  @Field(() => ID) toWarehouseId!: string;
  @Field(() => Int) quantity!: number;
  @Field(() => String, { nullable: true }) reason?: string | null;
}

@InputType()
export class SetReorderPointInput {
  @Field(() => ID) productId!: string;
  @Field(() => ID) warehouseId!: string;
  @Field(() => Int, { nullable: true, description: 'Null: never low.' }) reorderPoint?: number | null;
  @Field(() => Int, { nullable: true }) reorderQuantity?: number | null;
}
