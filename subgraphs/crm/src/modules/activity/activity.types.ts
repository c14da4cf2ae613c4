import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType } from '@erp/platform';

export enum ActivityKind {
  CALL = 'CALL',
  EMAIL = 'EMAIL',
  MEETING = 'MEETING',
  NOTE = 'NOTE',
}
registerEnumType(ActivityKind, { name: 'ActivityKind' });

@ObjectType('Activity', { description: 'A call, email, meeting or note about a customer or a lead.' })
export class ActivityType {
  @Field(() => ID) id!: string;
  @Field(() => ActivityKind) type!: ActivityKind;
  @Field(() => String) subject!: string;
  @Field(() => String, { nullable: true }) body!: string | null;
  @Field(() => Date) occurredAt!: Date;
  @Field(() => ID, { nullable: true, description: 'The user who logged it.' }) authorId!: string | null;
  @Field(() => Date) createdAt!: Date;
}

export const ActivityConnection = ConnectionType(ActivityType, 'Activity');

@InputType()
export class LogActivityInput {
  @Field(() => ActivityKind) type!: ActivityKind;
  @Field(() => String) subject!: string;
  @Field(() => String, { nullable: true }) body?: string | null;
  @Field(() => Date, { nullable: true, description: 'Default: now.' }) occurredAt?: Date | null;
  @Field(() => ID, { nullable: true, description: 'Exactly one of customerId and leadId.' }) customerId?: string | null;
  @Field(() => ID, { nullable: true }) leadId?: string | null;
}

@InputType()
export class ActivityFilter {
  @Field(() => ID, { nullable: true }) customerId?: string | null;
  @Field(() => ID, { nullable: true }) leadId?: string | null;
  @Field(() => ActivityKind, { nullable: true }) type?: ActivityKind | null;
}
