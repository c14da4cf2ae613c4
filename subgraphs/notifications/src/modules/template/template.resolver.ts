import { PageArgs, requestedFields, type RequestContext } from '@erp/platform';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, ArgsType, Authorized, Ctx, Field, ID, Info, Mutation, Query, Resolver } from 'type-graphql';
import { createTemplate, findTemplate, listTemplates, updateTemplate } from './template.service.js';
import {
  CreateNotificationTemplateInput,
  NotificationTemplateConnection,
  NotificationTemplateFilter,
  NotificationTemplateType,
  UpdateNotificationTemplateInput,
} from './template.types.js';

@ArgsType()
class TemplatesArgs extends PageArgs {
  @Field(() => NotificationTemplateFilter, { nullable: true }) filter?: NotificationTemplateFilter | null;
}

@Resolver(() => NotificationTemplateType)
export class TemplateResolver {
  @Authorized('notification-templates:read')
  @Query(() => NotificationTemplateConnection, { description: 'By key.' })
  notificationTemplates(@Args(() => TemplatesArgs) args: TemplatesArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return listTemplates(ctx, args.filter ?? {}, args, requestedFields(info, ['edges', 'node']));
  }

  @Authorized('notification-templates:read')
  @Query(() => NotificationTemplateType)
  notificationTemplate(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return findTemplate(ctx, id, requestedFields(info));
  }

  @Authorized('notification-templates:write')
  @Mutation(() => NotificationTemplateType)
  createNotificationTemplate(@Arg('input', () => CreateNotificationTemplateInput) input: CreateNotificationTemplateInput, @Ctx() ctx: RequestContext) {
    return createTemplate(ctx, input);
  }

  @Authorized('notification-templates:write')
  @Mutation(() => NotificationTemplateType, { description: 'Only the fields given change; subject null removes it (not for EMAIL).' })
  updateNotificationTemplate(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateNotificationTemplateInput) input: UpdateNotificationTemplateInput,
    @Ctx() ctx: RequestContext,
  ) {
    return updateTemplate(ctx, id, input);
  }
}
