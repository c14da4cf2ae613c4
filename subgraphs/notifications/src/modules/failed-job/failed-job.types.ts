import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType('FailedJob', { description: 'An event a consumer could not handle in any of its tries; it stays parked until someone acts.' })
export class FailedJobType {
  @Field(() => String, { description: 'The consumer, e.g. notifications.delivery.' }) consumer!: string;
  @Field(() => String, { description: 'The service (subgraph) whose job it was, e.g. notifications.' }) service!: string;
  @Field(() => ID) eventId!: string;
  @Field(() => String) eventType!: string;
  @Field(() => Int) attempts!: number;
  @Field(() => String, { description: 'The error of the last try.' }) error!: string;
  @Field(() => Date) failedAt!: Date;
}
