import { PageArgs, requestedFields, type RequestContext } from '@erp/platform';
import type { GraphQLResolveInfo } from 'graphql';
import { Args, ArgsType, Authorized, Ctx, Field, Info, Query, Resolver } from 'type-graphql';
import { PARTNER_EVENT_TYPES } from './partner-event-types.js';
import { listPartnerEvents } from './partner-event.service.js';
import { PartnerEventConnection, PartnerEventType, WebhookEventTypeType } from './partner-event.types.js';

@ArgsType()
class PartnerEventsArgs extends PageArgs {
  @Field(() => [String], { nullable: true, description: 'Only these types (each readable by your scopes); all you may read when omitted.' })
  types?: string[] | null;
}

@Resolver(() => PartnerEventType)
export class PartnerEventResolver {
  @Authorized('webhooks:read')
  @Query(() => PartnerEventConnection, {
    description: 'Every partner event your scopes can read, oldest first in a stable order: page on with `after` to catch up on what a webhook may have missed.',
  })
  partnerEvents(@Args(() => PartnerEventsArgs) args: PartnerEventsArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return listPartnerEvents(ctx, args.types, args, requestedFields(info, ['edges', 'node']));
  }

  @Authorized('webhooks:read')
  @Query(() => [WebhookEventTypeType], { description: 'The event types partners can receive, with the scope each needs.' })
  webhookEventTypes(): WebhookEventTypeType[] {
    return PARTNER_EVENT_TYPES.map((entry) => ({ type: entry.contract.type, scope: entry.permission, description: entry.description }));
  }
}
