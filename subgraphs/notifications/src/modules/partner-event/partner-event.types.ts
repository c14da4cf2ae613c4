import { ConnectionType } from '@erp/platform';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType('PartnerEvent', { description: 'A domain event as partners receive it: the body of its webhooks, and an entry of the feed.' })
export class PartnerEventType {
  @Field(() => ID, { description: 'Also the webhook body\'s id and x-erp-event-id: drop duplicates by it.' }) id!: string;
  @Field(() => String, { description: 'Its place in the feed (a 64-bit integer as text): later events have larger numbers.' }) sequence!: string;
  @Field(() => String, { description: 'e.g. order.placed' }) type!: string;
  @Field(() => Date) occurredAt!: Date;
  @Field(() => GraphQLJSONObject, { description: 'The payload, as the event type defines it.' }) data!: Record<string, unknown>;
}

export const PartnerEventConnection = ConnectionType(PartnerEventType, 'PartnerEvent');

@ObjectType('WebhookEventType', { description: 'An event type partners can receive and read.' })
export class WebhookEventTypeType {
  @Field(() => String) type!: string;
  @Field(() => String, { description: 'The scope an API key needs to receive it.' }) scope!: string;
  @Field(() => String) description!: string;
}
