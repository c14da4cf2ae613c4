import { Arg, Args, ArgsType, Authorized, Ctx, Field, ID, Info, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { PageArgs, requestedFields, type RequestContext } from '@erp/platform';
import { createSupplier, findSupplier, listSuppliers, updateSupplier } from './supplier.service.js';
import { CreateSupplierInput, SupplierConnection, SupplierType, UpdateSupplierInput } from './supplier.types.js';

@ArgsType()
class SuppliersArgs extends PageArgs {
  @Field(() => Boolean, { nullable: true, description: 'Only active (true) or inactive (false) ones; all when omitted.' }) active?: boolean | null;
  @Field(() => String, { nullable: true, description: 'Part of the name.' }) search?: string | null;
}

@Resolver(() => SupplierType)
export class SupplierResolver {
  @Authorized('purchasing:read')
  @Query(() => SupplierConnection, { description: 'Suppliers by name.' })
  suppliers(@Args(() => SuppliersArgs) args: SuppliersArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return listSuppliers(ctx, { active: args.active, search: args.search }, args, requestedFields(info, ['edges', 'node']));
  }

  @Authorized('purchasing:read')
  @Query(() => SupplierType)
  supplier(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return findSupplier(ctx, id, requestedFields(info, []));
  }

  @Authorized('purchasing:write')
  @Mutation(() => SupplierType)
  createSupplier(@Arg('input', () => CreateSupplierInput) input: CreateSupplierInput, @Ctx() ctx: RequestContext) {
    return createSupplier(ctx, input);
  }

  @Authorized('purchasing:write')
  @Mutation(() => SupplierType)
  updateSupplier(@Arg('id', () => ID) id: string, @Arg('input', () => UpdateSupplierInput) input: UpdateSupplierInput, @Ctx() ctx: RequestContext) {
    return updateSupplier(ctx, id, input);
  }
}
