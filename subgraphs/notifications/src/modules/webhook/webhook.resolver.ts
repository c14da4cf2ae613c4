import { PageArgs, requestedFields, type RequestContext } from '@erp/platform';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DeliveryStatusEnum, RegisteredWebhookType, RegisterWebhookInput, RotatedWebhookSecretType, UpdateWebhookEndpointInput, WebhookDeliveryAttemptType, WebhookDeliveryConnection, WebhookDeliveryType, WebhookEndpointConnection, WebhookEndpointType } from './webhook.types.js';
import { deleteWebhookEndpoint, registerWebhook, rotateWebhookSecret, updateWebhookEndpoint, type WebhookContext } from './webhook-endpoint.service.js';
import { replayWebhookDelivery } from './webhook-delivery.service.js';
import { attemptsLoader, findWebhookEndpoint, listWebhookDeliveries, listWebhookEndpoints, type WebhookDeliveryRow } from './webhook-query.service.js';
import type { DeliveryStatus } from './webhook-endpoint.rules.js';

@ArgsType()
class WebhookDeliveriesArgs extends PageArgs {
  @Field(() => ID) endpointId!: string;
  @Field(() => DeliveryStatusEnum, { nullable: true }) status?: DeliveryStatus | null;
}

@Resolver(() => WebhookEndpointType)
export class WebhookEndpointResolver {
  @Authorized('webhooks:write')
  @Mutation(() => RegisteredWebhookType, { description: 'Registers an endpoint for event types your scopes can read; the secret is shown this once.' })
  async registerWebhook(@Arg('input', () => RegisterWebhookInput) input: RegisterWebhookInput, @Ctx() ctx: WebhookContext): Promise<RegisteredWebhookType> {
    const { secret, endpoint } = await registerWebhook(ctx, input);
    return { id: endpoint.id, secret, endpoint };
  }

  @Authorized('webhooks:write')
  @Mutation(() => WebhookEndpointType, { description: 'Changes the URL, events, description, or enables/disables the endpoint.' })
  updateWebhookEndpoint(@Arg('id', () => ID) id: string, @Arg('input', () => UpdateWebhookEndpointInput) input: UpdateWebhookEndpointInput, @Ctx() ctx: RequestContext) {
    return updateWebhookEndpoint(ctx, id, input);
  }

  @Authorized('webhooks:write')
  @Mutation(() => ID, { description: 'Deletes the endpoint with its deliveries; returns its id.' })
  deleteWebhookEndpoint(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return deleteWebhookEndpoint(ctx, id);
  }

  @Authorized('webhooks:write')
  @Mutation(() => RotatedWebhookSecretType, { description: 'A new secret (shown this once); the old one signs beside it for overlapSeconds (default a day, 0 to 604800).' })
  rotateWebhookSecret(@Arg('id', () => ID) id: string, @Arg('overlapSeconds', () => Int, { nullable: true }) overlapSeconds: number | null, @Ctx() ctx: WebhookContext) {
    return rotateWebhookSecret(ctx, id, overlapSeconds);
  }

  @Authorized('webhooks:read')
  @Query(() => WebhookEndpointConnection, { description: 'Newest first: every endpoint for staff admins, the ones it registered for an API key.' })
  webhookEndpoints(@Args(() => PageArgs) page: PageArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return listWebhookEndpoints(ctx, page, requestedFields(info, ['edges', 'node']));
  }

  @Authorized('webhooks:read')
  @Query(() => WebhookEndpointType)
  webhookEndpoint(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return findWebhookEndpoint(ctx, id, requestedFields(info));
  }
}

@Resolver(() => WebhookDeliveryType)
export class WebhookDeliveryResolver {
  @Authorized('webhooks:read')
  @Query(() => WebhookDeliveryConnection, { description: "An endpoint's deliveries, newest first, each with its attempts." })
  webhookDeliveries(@Args(() => WebhookDeliveriesArgs) args: WebhookDeliveriesArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return listWebhookDeliveries(ctx, args.endpointId, args.status, args, requestedFields(info, ['edges', 'node']));
  }

  @Authorized('webhooks:write')
  @Mutation(() => WebhookDeliveryType, { description: 'Sends a SUCCEEDED or FAILED delivery again, as a new series of tries.' })
  replayWebhookDelivery(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return replayWebhookDelivery(ctx, id, requestedFields(info));
  }

  @FieldResolver(() => [WebhookDeliveryAttemptType], { description: 'Every try, first to last.' })
  attempts(@Root() delivery: WebhookDeliveryRow, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return attemptsLoader(ctx, requestedFields(info)).load(delivery.id);
  }
}
