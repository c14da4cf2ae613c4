import { Field, ID, Int, ObjectType } from 'type-graphql';
import { MoneyType } from '@erp/platform';

@ObjectType('StockValuationLine', { description: 'A product’s stock in one warehouse at its moving-average cost.' })
export class StockValuationLineType {
  @Field(() => ID) productId!: string;
  @Field(() => ID) warehouseId!: string;
  @Field(() => Int) onHand!: number;
  @Field(() => MoneyType, { nullable: true, description: 'The product’s moving-average unit cost (over every warehouse); null when unknown.' })
  averageCost!: MoneyType | null;
  @Field(() => MoneyType, {
    nullable: true,
    description:
      'This warehouse’s share of the product’s value: value × on hand here ÷ on hand everywhere, rounded half away from zero to a minor unit (exact when the product is in one warehouse); null when its cost is unknown.',
  })
  value!: MoneyType | null;
}

@ObjectType('StockValuation', { description: 'What the stock on hand is worth at moving-average cost.' })
export class StockValuationType {
  @Field(() => [StockValuationLineType], { description: 'Per product and warehouse with stock on hand, by warehouse then product.' }) lines!: StockValuationLineType[];
  @Field(() => [MoneyType], { description: 'The sum of the lines’ values per currency (lines of unknown cost are not in it).' }) totals!: MoneyType[];
  @Field(() => Int, { description: 'Units on hand whose cost is unknown (stock that came in without a cost while none was costed).' }) uncostedUnits!: number;
}
