import { Directive, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ConnectionType } from '@erp/platform';

@Directive('@key(fields: "id")')
@ObjectType('Supplier', { description: 'Someone inventory buys from.' })
export class SupplierType {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) email!: string | null;
  @Field(() => String, { nullable: true }) phone!: string | null;
  @Field(() => String, { nullable: true }) contactPerson!: string | null;
  @Field(() => String, { description: 'ISO 4217: the currency of its purchase orders.' }) currency!: string;
  @Field(() => Int, { description: 'Days after its invoice that payment is due.' }) paymentTermsDays!: number;
  @Field(() => Int, { description: 'Days from sending an order to the goods’ arrival.' }) leadTimeDays!: number;
  @Field(() => Boolean, { description: 'Inactive suppliers keep their orders but get no new ones.' }) active!: boolean;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) updatedAt!: Date;
  @Field(() => Int) version!: number;
}

export const SupplierConnection = ConnectionType(SupplierType, 'Supplier');

@InputType()
export class CreateSupplierInput {
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => String, { nullable: true }) phone?: string | null;
  @Field(() => String, { nullable: true }) contactPerson?: string | null;
  @Field(() => String, { description: 'ISO 4217, e.g. EUR.' }) currency!: string;
  @Field(() => Int, { nullable: true, description: 'Default 30.' }) paymentTermsDays?: number | null;
  @Field(() => Int, { nullable: true, description: 'Default 0.' }) leadTimeDays?: number | null;
}

@InputType()
export class UpdateSupplierInput {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true, description: 'Empty clears it.' }) email?: string | null;
  @Field(() => String, { nullable: true }) phone?: string | null;
  @Field(() => String, { nullable: true }) contactPerson?: string | null;
  @Field(() => String, { nullable: true, description: 'Changing it leaves existing purchase orders in theirs.' }) currency?: string | null;
  @Field(() => Int, { nullable: true }) paymentTermsDays?: number | null;
  @Field(() => Int, { nullable: true }) leadTimeDays?: number | null;
  @Field(() => Boolean, { nullable: true }) active?: boolean | null;
  @Field(() => Int, { nullable: true, description: 'The version you read: a CONFLICT if someone changed it since.' }) expectedVersion?: number | null;
}
