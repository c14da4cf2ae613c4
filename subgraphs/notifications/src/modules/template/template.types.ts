import type { Channel } from '@erp/contracts';
import { ConnectionType } from '@erp/platform';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ChannelEnum } from '../notification/notification.types.js';

@ObjectType('NotificationTemplate', { description: 'The text of one kind of notification on one channel; subject and body are Liquid templates.' })
export class NotificationTemplateType {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'What it is about, e.g. order.confirmed.' }) key!: string;
  @Field(() => ChannelEnum) channel!: Channel;
  @Field(() => String, { nullable: true }) subject!: string | null;
  @Field(() => String) body!: string;
  @Field(() => Boolean) active!: boolean;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) updatedAt!: Date;
  @Field(() => Int) version!: number;
}

export const NotificationTemplateConnection = ConnectionType(NotificationTemplateType, 'NotificationTemplate');

@InputType()
export class NotificationTemplateFilter {
  @Field(() => ChannelEnum, { nullable: true }) channel?: Channel | null;
  @Field(() => String, { nullable: true }) key?: string | null;
  @Field(() => Boolean, { nullable: true }) active?: boolean | null;
}

@InputType()
export class CreateNotificationTemplateInput {
  @Field(() => String) key!: string;
  @Field(() => ChannelEnum) channel!: Channel;
  @Field(() => String, { nullable: true, description: 'Required for EMAIL.' }) subject?: string | null;
  @Field(() => String) body!: string;
  @Field(() => Boolean, { nullable: true, description: 'Default true.' }) active?: boolean | null;
}

@InputType()
export class UpdateNotificationTemplateInput {
  @Field(() => String, { nullable: true }) subject?: string | null;
  @Field(() => String, { nullable: true }) body?: string | null;
  @Field(() => Boolean, { nullable: true }) active?: boolean | null;
  @Field(() => Int, { nullable: true, description: 'The version you read; a concurrent change is then a CONFLICT.' }) expectedVersion?: number | null;
}
