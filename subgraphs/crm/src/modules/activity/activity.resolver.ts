import { Arg, Args, ArgsType, Authorized, Ctx, Field, Info, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { PageArgs, requestedFields, type RequestContext } from '@erp/platform';
import { listActivities, logActivity } from './activity.service.js';
import { ActivityConnection, ActivityFilter, ActivityType, LogActivityInput } from './activity.types.js';

@ArgsType()
class ActivitiesArgs extends PageArgs {
  @Field(() => ActivityFilter, { nullable: true }) filter?: ActivityFilter | null;
}

@Resolver(() => ActivityType)
export class ActivityResolver {
  @Authorized('activities:read')
  @Query(() => ActivityConnection, { description: 'Newest first.' })
  activities(@Args(() => ActivitiesArgs) args: ActivitiesArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return listActivities(ctx, args.filter ?? {}, args, requestedFields(info, ['edges', 'node']));
  }

  @Authorized('activities:write')
  @Mutation(() => ActivityType)
  logActivity(@Arg('input', () => LogActivityInput) input: LogActivityInput, @Ctx() ctx: RequestContext) {
    return logActivity(ctx, input);
  }
}
