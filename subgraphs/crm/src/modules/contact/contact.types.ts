import { Field, ID, InputType, ObjectType } from 'type-graphql';

@ObjectType('Contact', { description: 'A person at a customer.' })
export class ContactType {
  @Field(() => ID) id!: string;
  @Field(() => String) firstName!: string;
  @Field(() => String) lastName!: string;
  @Field(() => String, { nullable: true }) email!: string | null;
  @Field(() => String, { nullable: true }) phone!: string | null;
  @Field(() => String, { nullable: true }) position!: string | null;
  @Field(() => Boolean) isPrimary!: boolean;
  @Field(() => Date) createdAt!: Date;
}

@InputType()
export class CreateContactInput {
  @Field(() => ID) customerId!: string;
  @Field(() => String) firstName!: string;
  @Field(() => String) lastName!: string;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => String, { nullable: true }) phone?: string | null;
  @Field(() => String, { nullable: true }) position?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Makes this the primary contact (the previous one stops being it).' })
  isPrimary?: boolean | null;
}

@InputType()
export class UpdateContactInput {
  @Field(() => String, { nullable: true }) firstName?: string | null;
  @Field(() => String, { nullable: true }) lastName?: string | null;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => String, { nullable: true }) phone?: string | null;
  @Field(() => String, { nullable: true }) position?: string | null;
  @Field(() => Boolean, { nullable: true }) isPrimary?: boolean | null;
}
