import { Arg, Args, ArgsType, Authorized, Ctx, Directive, Field, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { LeadStage } from '@erp/contracts';
import { MoneyType, PageArgs, requestedFields, SortDirection, toMoneyType, type RequestContext } from '@erp/platform';
import { customerLoader, CUSTOMER_FIELD_NEEDS } from '../customer/customer.service.js';
import { CustomerType } from '../customer/customer.types.js';
import type { Lead } from './lead.entity.js';
import { weightedValue } from './lead.rules.js';
import { convertLead, createLead, findLead, LEAD_FIELD_NEEDS, listLeads, moveLeadStage, pipelineSummary, updateLead, type LeadRow } from './lead.service.js';
import {
  ConvertLeadInput,
  CreateLeadInput,
  LeadConnection,
  LeadFilter,
  LeadOrder,
  LeadOrderField,
  LeadStageEnum,
  LeadType,
  PipelineStageSummary,
  UpdateLeadInput,
} from './lead.types.js';

@ArgsType()
class LeadsArgs extends PageArgs {
  @Field(() => LeadFilter, { nullable: true }) filter?: LeadFilter | null;
  @Field(() => LeadOrder, { nullable: true }) orderBy?: LeadOrder | null;
}

@Resolver(() => LeadType)
export class LeadResolver {
  @Authorized('leads:read')
  @Query(() => LeadConnection)
  leads(@Args(() => LeadsArgs) args: LeadsArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    const order = args.orderBy ?? { field: LeadOrderField.CREATED_AT, direction: SortDirection.DESC };
    return listLeads(ctx, args.filter ?? {}, order, args, requestedFields(info, ['edges', 'node'], LEAD_FIELD_NEEDS));
  }

  @Authorized('leads:read')
  @Query(() => LeadType)
  lead(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return findLead(ctx, id, requestedFields(info, [], LEAD_FIELD_NEEDS));
  }

  @Authorized('leads:read')
  // An aggregate over every lead of the pipeline, one row per stage (six stages).
  @Directive('@cost(weight: 10)')
  @Directive('@listSize(assumedSize: 6)')
  @Query(() => [PipelineStageSummary], { description: 'Count and value of the leads in each stage, for one currency.' })
  pipelineSummary(@Arg('currency', () => String, { defaultValue: 'EUR' }) currency: string, @Ctx() ctx: RequestContext) {
    return pipelineSummary(ctx, currency);
  }

  @Authorized('leads:write')
  @Mutation(() => LeadType)
  createLead(@Arg('input', () => CreateLeadInput) input: CreateLeadInput, @Ctx() ctx: RequestContext) {
    return createLead(ctx, input);
  }

  @Authorized('leads:write')
  @Mutation(() => LeadType)
  updateLead(@Arg('id', () => ID) id: string, @Arg('input', () => UpdateLeadInput) input: UpdateLeadInput, @Ctx() ctx: RequestContext) {
    return updateLead(ctx, id, input);
  }

  @Authorized('leads:write')
  @Mutation(() => LeadType, { description: 'Moves an open lead to another open stage, or to LOST with a reason.' })
  moveLeadStage(
    @Arg('id', () => ID) id: string,
    @Arg('stage', () => LeadStageEnum) stage: LeadStage,
    @Arg('reason', () => String, { nullable: true }) reason: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    return moveLeadStage(ctx, id, stage, reason);
  }

  @Authorized('leads:write')
  @Mutation(() => LeadType, { description: 'Wins the lead: creates its customer and links it, in one step.' })
  convertLead(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => ConvertLeadInput, { nullable: true }) input: ConvertLeadInput | null,
    @Ctx() ctx: RequestContext,
  ) {
    return convertLead(ctx, id, input ?? {});
  }

  @FieldResolver(() => MoneyType)
  value(@Root() lead: Lead | LeadRow): MoneyType {
    return toMoneyType(lead.valueMinor!, lead.currency!);
  }

  @FieldResolver(() => MoneyType, { description: 'value × probability.' })
  weightedValue(@Root() lead: Lead | LeadRow): MoneyType {
    return toMoneyType(weightedValue(lead.valueMinor!, lead.probability!), lead.currency!);
  }

  @FieldResolver(() => CustomerType, { nullable: true, description: 'The customer the lead was converted into.' })
  customer(@Root() lead: Lead | LeadRow, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    // A query reads the lead as a row (its customer as customerId); mutations answer entities.
    const customerId = 'customerId' in lead ? lead.customerId : (lead as Lead).customer?.id;
    return customerId ? customerLoader(ctx, requestedFields(info, [], CUSTOMER_FIELD_NEEDS)).load(customerId) : null;
  }
}
