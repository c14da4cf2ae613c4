import { Field, ID, InputType, ObjectType } from 'type-graphql';

@ObjectType('Category', { description: 'A node of the product category tree.' })
export class CategoryType {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
}

@InputType()
export class CreateCategoryInput {
  @Field(() => String) name!: string;
  @Field(() => ID, { nullable: true, description: 'Omit for a top-level category.' }) parentId?: string | null;
}
