import { ConnectionType, enumOf } from '@erp/platform';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DELIVERY_STATUSES, type DeliveryStatus } from './webhook-endpoint.rules.js';

export const DeliveryStatusEnum = enumOf(DELIVERY_STATUSES);
registerEnumType(DeliveryStatusEnum, { name: 'WebhookDeliveryStatus', description: 'PENDING through its tries, then SUCCEEDED or FAILED (all tries failed, or the endpoint was disabled).' });

@ObjectType('WebhookEndpoint', { description: 'Where a partner receives the events it subscribed to, signed with its own secret.' })
export class WebhookEndpointType {
  @Field(() => ID) id!: string;
  @Field(() => String) url!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => [String], { description: 'Partner event types, e.g. order.placed (see webhookEventTypes).' }) events!: string[];
  @Field(() => Boolean, { description: 'A disabled endpoint gets no new deliveries.' }) enabled!: boolean;
  @Field(() => String, { nullable: true, description: 'Why it was disabled.' }) disabledReason!: string | null;
  @Field(() => Date, { nullable: true, description: 'Until when the secret before the last rotation still signs beside the current one.' })
  previousSecretExpiresAt!: Date | null;
  @Field(() => String, { description: 'user:<id> or apiKey:<id>.' }) createdBy!: string;
  @Field(() => Int, { description: 'For expectedVersion in updateWebhookEndpoint.' }) version!: number;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) updatedAt!: Date;
}

export const WebhookEndpointConnection = ConnectionType(WebhookEndpointType, 'WebhookEndpoint');

@ObjectType('RegisteredWebhook')
export class RegisteredWebhookType {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'The signing secret, shown this once: store it now.' }) secret!: string;
  @Field(() => WebhookEndpointType) endpoint!: WebhookEndpointType;
}

@ObjectType('RotatedWebhookSecret')
export class RotatedWebhookSecretType {
  @Field(() => String, { description: 'The new signing secret, shown this once.' }) secret!: string;
  @Field(() => WebhookEndpointType) endpoint!: WebhookEndpointType;
}

@ObjectType('WebhookDeliveryAttempt', { description: 'One HTTP request of a delivery.' })
export class WebhookDeliveryAttemptType {
  @Field(() => Int, { description: '1 for the first try; replays go on counting.' }) attempt!: number;
  @Field(() => Date) at!: Date;
  @Field(() => Boolean) succeeded!: boolean;
  @Field(() => Int, { nullable: true, description: 'The HTTP status answered; null when no answer came.' }) statusCode!: number | null;
  @Field(() => String, { nullable: true, description: 'Why it failed: the status and the start of the answer, or the network error or timeout.' }) error!: string | null;
  @Field(() => Int) durationMs!: number;
}

@ObjectType('WebhookDelivery', { description: 'One partner event to one endpoint, with every try.' })
export class WebhookDeliveryType {
  @Field(() => ID) id!: string;
  @Field(() => ID) endpointId!: string;
  @Field(() => ID, { description: 'The partner event (its id in the body, in x-erp-event-id and in partnerEvents).' }) eventId!: string;
  @Field(() => String) eventType!: string;
  @Field(() => DeliveryStatusEnum) status!: DeliveryStatus;
  @Field(() => Int) attemptCount!: number;
  @Field(() => Int, { nullable: true }) lastStatusCode!: number | null;
  @Field(() => String, { nullable: true }) lastError!: string | null;
  @Field(() => Date, { nullable: true, description: 'When the next try is due, while PENDING after a failed try.' }) nextAttemptAt!: Date | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true }) deliveredAt!: Date | null;
}

export const WebhookDeliveryConnection = ConnectionType(WebhookDeliveryType, 'WebhookDelivery');

@InputType()
export class RegisterWebhookInput {
  @Field(() => String, { description: 'An http(s) URL that answers 2xx to a POST.' }) url!: string;
  @Field(() => [String], { description: 'Partner event types, each readable by your scopes (see webhookEventTypes).' }) events!: string[];
  @Field(() => String, { nullable: true }) description?: string | null;
}

@InputType({ description: 'Only what is given changes.' })
export class UpdateWebhookEndpointInput {
  @Field(() => String, { nullable: true }) url?: string | null;
  @Field(() => [String], { nullable: true }) events?: string[] | null;
  @Field(() => String, { nullable: true, description: 'An empty text removes it.' }) description?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'false disables the endpoint (no new deliveries), true enables it again.' }) enabled?: boolean | null;
  @Field(() => Int, { nullable: true, description: 'The version you read: CONFLICT if it changed meanwhile.' }) expectedVersion?: number | null;
}
