import { Arg, Args, ArgsType, Authorized, Ctx, Field, ID, Info, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { PageArgs, requestedFields, type RequestContext } from '@erp/platform';
import { createWarehouse, findWarehouse, listWarehouses, updateWarehouse } from './warehouse.service.js';
import { CreateWarehouseInput, UpdateWarehouseInput, WarehouseConnection, WarehouseType } from './warehouse.types.js';

@ArgsType()
class WarehousesArgs extends PageArgs {
  @Field(() => Boolean, { nullable: true, description: 'Only active (true) or inactive (false) ones; all when omitted.' }) active?: boolean | null;
}

@Resolver(() => WarehouseType)
export class WarehouseResolver {
  @Authorized('stock:read')
  @Query(() => WarehouseConnection, { description: 'Warehouses by code.' })
  warehouses(@Args(() => WarehousesArgs) args: WarehousesArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return listWarehouses(ctx, { active: args.active }, args, requestedFields(info, ['edges', 'node']));
  }

  @Authorized('stock:read')
  @Query(() => WarehouseType)
  warehouse(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return findWarehouse(ctx, id, requestedFields(info, []));
  }

  @Authorized('warehouses:write')
  @Mutation(() => WarehouseType, { description: 'The first warehouse becomes the default one.' })
  createWarehouse(@Arg('input', () => CreateWarehouseInput) input: CreateWarehouseInput, @Ctx() ctx: RequestContext) {
    return createWarehouse(ctx, input);
  }

  @Authorized('warehouses:write')
  @Mutation(() => WarehouseType)
  updateWarehouse(@Arg('id', () => ID) id: string, @Arg('input', () => UpdateWarehouseInput) input: UpdateWarehouseInput, @Ctx() ctx: RequestContext) {
    return updateWarehouse(ctx, id, input);
  }
}
