import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { pageSize, PageArgs, requestedFields, SortDirection, type RequestContext } from '@erp/platform';
import { recentActivitiesLoader } from '../activity/activity.service.js';
import { ActivityType } from '../activity/activity.types.js';
import { contactsLoader } from '../contact/contact.service.js';
import { ContactType } from '../contact/contact.types.js';
import { createCustomer, CUSTOMER_FIELD_NEEDS, findCustomer, listCustomers, setCustomerArchived, updateCustomer, type CustomerRow } from './customer.service.js';
import {
  CreateCustomerInput,
  CustomerConnection,
  CustomerFilter,
  CustomerOrder,
  CustomerOrderField,
  CustomerType,
  UpdateCustomerInput,
} from './customer.types.js';

@ArgsType()
class CustomersArgs extends PageArgs {
  @Field(() => CustomerFilter, { nullable: true }) filter?: CustomerFilter | null;
  @Field(() => CustomerOrder, { nullable: true }) orderBy?: CustomerOrder | null;
}

@Resolver(() => CustomerType)
export class CustomerResolver {
  @Authorized('customers:read')
  @Query(() => CustomerConnection, { description: 'Customers you may see; archived ones only with filter.includeArchived.' })
  customers(@Args(() => CustomersArgs) args: CustomersArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    const order = args.orderBy ?? { field: CustomerOrderField.CREATED_AT, direction: SortDirection.DESC };
    return listCustomers(ctx, args.filter ?? {}, order, args, requestedFields(info, ['edges', 'node'], CUSTOMER_FIELD_NEEDS));
  }

  @Authorized('customers:read')
  @Query(() => CustomerType)
  customer(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return findCustomer(ctx, id, requestedFields(info, [], CUSTOMER_FIELD_NEEDS));
  }

  @Authorized('customers:write')
  @Mutation(() => CustomerType)
  createCustomer(@Arg('input', () => CreateCustomerInput) input: CreateCustomerInput, @Ctx() ctx: RequestContext) {
    return createCustomer(ctx, input);
  }

  @Authorized('customers:write')
  @Mutation(() => CustomerType)
  updateCustomer(@Arg('id', () => ID) id: string, @Arg('input', () => UpdateCustomerInput) input: UpdateCustomerInput, @Ctx() ctx: RequestContext) {
    return updateCustomer(ctx, id, input);
  }

  @Authorized('customers:write')
  @Mutation(() => CustomerType, { description: 'Hides the customer from lists; its history stays.' })
  archiveCustomer(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return setCustomerArchived(ctx, id, true);
  }

  @Authorized('customers:write')
  @Mutation(() => CustomerType)
  restoreCustomer(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return setCustomerArchived(ctx, id, false);
  }

  @FieldResolver(() => Boolean)
  archived(@Root() customer: CustomerRow): boolean {
    return customer.archivedAt !== null;
  }

  @FieldResolver(() => [ContactType])
  contacts(@Root() customer: CustomerRow, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return contactsLoader(ctx, requestedFields(info)).load(customer.id);
  }

  @Authorized('activities:read')
  @FieldResolver(() => [ActivityType], { description: 'The latest activities, newest first.' })
  activities(
    @Root() customer: CustomerRow,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return recentActivitiesLoader(ctx, pageSize(first), requestedFields(info)).load(customer.id);
  }
}
