import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { StockMovementKind } from '@erp/contracts';
import { ConnectionType, PageArgs } from '@erp/platform';
import { StockMovementKindEnum } from '../stock/stock-movement-kind.types.js';
import { StockLevelType } from '../stock/stock.types.js';

@InputType({ description: 'Every condition given must hold.' })
export class StockLevelFilter {
  @Field(() => ID, { nullable: true }) warehouseId?: string | null;
  @Field(() => ID, { nullable: true }) productId?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'true: available at or under the reorder point; false: not low (or no reorder point).' })
  low?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'true: nothing available (available ≤ 0); false: some available.' })
  outOfStock?: boolean | null;
  @Field(() => ID, {
    nullable: true,
    description: 'Products of this catalog category (not its subcategories), as inventory last heard from catalog (product.created / product.updated).',
  })
  categoryId?: string | null;
}

@ArgsType()
export class StockLevelsArgs extends PageArgs {
  @Field(() => StockLevelFilter, { nullable: true }) filter?: StockLevelFilter | null;
}

export const StockLevelConnection = ConnectionType(StockLevelType, 'StockLevel');

export enum StockMovementOrder {
  NEWEST_FIRST = 'NEWEST_FIRST',
  OLDEST_FIRST = 'OLDEST_FIRST',
}
registerEnumType(StockMovementOrder, { name: 'StockMovementOrder' });

@ArgsType()
export class StockMovementsArgs extends PageArgs {
  @Field(() => ID) productId!: string;
  @Field(() => ID, { nullable: true, description: 'Only this warehouse’s movements (the running totals still count every warehouse).' })
  warehouseId?: string | null;
  @Field(() => StockMovementOrder, { nullable: true, description: 'Default NEWEST_FIRST.' }) order?: StockMovementOrder | null;
}

@ObjectType('StockMovement', { description: 'One change of a product’s stock in one warehouse; never changed or deleted.' })
export class StockMovementType {
  @Field(() => ID) id!: string;
  @Field(() => ID) productId!: string;
  @Field(() => StockMovementKindEnum) kind!: StockMovementKind;
  @Field(() => Int, { description: 'Signed change of on hand.' }) onHandChange!: number;
  @Field(() => Int, { description: 'Signed change of reserved.' }) reservedChange!: number;
  @Field(() => Int, { description: 'On hand in this warehouse right after it (the running balance).' }) onHandAfter!: number;
  @Field(() => Int, { description: 'Reserved in this warehouse right after it.' }) reservedAfter!: number;
  @Field(() => Int, { description: 'On hand over every warehouse right after it (the running balance across warehouses).' }) totalOnHandAfter!: number;
  @Field(() => String, { nullable: true, description: 'The document it came from: ORDER, PURCHASE_ORDER, TRANSFER, ADJUSTMENT.' }) documentType!: string | null;
  @Field(() => ID, { nullable: true }) documentId!: string | null;
  @Field(() => String, { nullable: true }) reason!: string | null;
  @Field(() => ID, { nullable: true, description: 'The user who moved it; null for the system.' }) byUserId!: string | null;
  @Field(() => Date) at!: Date;
}

export const StockMovementConnection = ConnectionType(StockMovementType, 'StockMovement');
