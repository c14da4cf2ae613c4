import { CHANNELS, type Channel } from '@erp/contracts';
import { ConnectionType, enumOf } from '@erp/platform';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ATTEMPT_STATUSES, NOTIFICATION_STATUSES, type AttemptStatus, type NotificationStatus } from './notification.rules.js';

export const ChannelEnum = enumOf(CHANNELS);
registerEnumType(ChannelEnum, { name: 'NotificationChannel', description: 'EMAIL to an address, SMS to a phone number, IN_APP and PUSH to a user, WEBHOOK to a URL.' });

export const NotificationStatusEnum = enumOf(NOTIFICATION_STATUSES);
registerEnumType(NotificationStatusEnum, { name: 'NotificationStatus', description: 'QUEUED until a try succeeds (SENT) or the last try fails (FAILED).' });

export const AttemptStatusEnum = enumOf(ATTEMPT_STATUSES);
registerEnumType(AttemptStatusEnum, { name: 'NotificationAttemptStatus' });

@ObjectType('NotificationAttempt', { description: 'One try to send a notification.' })
export class NotificationAttemptType {
  @Field(() => Int, { description: '1 for the first try.' }) attempt!: number;
  @Field(() => AttemptStatusEnum) status!: AttemptStatus;
  @Field(() => String, { nullable: true, description: 'Why the try failed.' }) error!: string | null;
  @Field(() => Date) at!: Date;
}

@ObjectType('Notification', { description: 'A message to one recipient on one channel, sent by a queued job with retries.' })
export class NotificationType {
  @Field(() => ID) id!: string;
  @Field(() => ChannelEnum) channel!: Channel;
  @Field(() => String, { description: 'An email address, a phone number, a user id or a webhook URL.' }) recipient!: string;
  @Field(() => String, { nullable: true }) subject!: string | null;
  @Field(() => String, { description: 'The rendered text.' }) body!: string;
  @Field(() => NotificationStatusEnum) status!: NotificationStatus;
  @Field(() => Int, { description: 'Tries so far.' }) attemptCount!: number;
  @Field(() => String, { nullable: true, description: 'Why the latest try failed.' }) lastError!: string | null;
  @Field(() => String, { nullable: true }) templateKey!: string | null;
  @Field(() => ID, { nullable: true, description: 'The event that caused it (automatic notifications).' }) eventId!: string | null;
  @Field(() => ID, { nullable: true }) customerId!: string | null;
  @Field(() => ID, { nullable: true }) userId!: string | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true }) sentAt!: Date | null;
}

export const NotificationConnection = ConnectionType(NotificationType, 'Notification');

@InputType()
export class NotificationFilter {
  @Field(() => NotificationStatusEnum, { nullable: true }) status?: NotificationStatus | null;
  @Field(() => ChannelEnum, { nullable: true }) channel?: Channel | null;
  @Field(() => ID, { nullable: true }) customerId?: string | null;
}

@InputType({ description: 'Give a templateKey, or a body (and for EMAIL a subject); explicit texts win over the template.' })
export class SendNotificationInput {
  @Field(() => ChannelEnum) channel!: Channel;
  @Field(() => String, { description: 'Email address (EMAIL), phone number in international form (SMS), user id (IN_APP, PUSH) or http(s) URL (WEBHOOK).' })
  to!: string;
  @Field(() => String, { nullable: true, description: 'An active template of the channel, e.g. order.confirmed.' }) templateKey?: string | null;
  @Field(() => String, { nullable: true, description: 'A Liquid template rendered with data.' }) subject?: string | null;
  @Field(() => String, { nullable: true, description: 'A Liquid template rendered with data.' }) body?: string | null;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'The values of the placeholders.' }) data?: Record<string, unknown> | null;
  @Field(() => ID, { nullable: true, description: 'The customer it concerns, for filtering.' }) customerId?: string | null;
}
