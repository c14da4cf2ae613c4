import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CUSTOMER_KINDS, type CustomerKind } from '@erp/contracts';
import { ConnectionType, enumOf, PostalAddressFields, PostalAddressInputFields, SortDirection } from '@erp/platform';

export const CustomerKindEnum = enumOf(CUSTOMER_KINDS);
registerEnumType(CustomerKindEnum, { name: 'CustomerKind' });

@ObjectType('Address')
export class AddressType extends PostalAddressFields {}

@InputType('AddressInput')
export class AddressInput extends PostalAddressInputFields {}

@Directive('@key(fields: "id")')
@ObjectType('Customer', { description: 'A company or person we sell to.' })
export class CustomerType {
  @Field(() => ID) id!: string;
  @Field(() => CustomerKindEnum) kind!: CustomerKind;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) email!: string | null;
  @Field(() => String, { nullable: true }) phone!: string | null;
  @Field(() => String, { nullable: true }) taxId!: string | null;
  @Field(() => String, { description: 'ISO 4217 currency the customer is billed in.' }) currency!: string;
  @Field(() => [String]) tags!: string[];
  @Field(() => AddressType, { nullable: true }) billingAddress!: AddressType | null;
  @Field(() => AddressType, { nullable: true }) shippingAddress!: AddressType | null;
  @Field(() => Date, { nullable: true }) archivedAt!: Date | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) updatedAt!: Date;
  @Field(() => Int, { description: 'Pass it back as expectedVersion to update without overwriting a concurrent change.' })
  version!: number;
}

export const CustomerConnection = ConnectionType(CustomerType, 'Customer');

@InputType()
export class CustomerFilter {
  @Field(() => String, { nullable: true, description: 'Matches name or email, case-insensitively.' }) search?: string | null;
  @Field(() => CustomerKindEnum, { nullable: true }) kind?: CustomerKind | null;
  @Field(() => String, { nullable: true }) tag?: string | null;
  @Field(() => String, { nullable: true }) currency?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Archived customers are left out unless this is true.' })
  includeArchived?: boolean | null;
}

export enum CustomerOrderField {
  NAME = 'name',
  CREATED_AT = 'createdAt',
  UPDATED_AT = 'updatedAt',
}
registerEnumType(CustomerOrderField, { name: 'CustomerOrderField' });

@InputType()
export class CustomerOrder {
  @Field(() => CustomerOrderField, { defaultValue: CustomerOrderField.CREATED_AT }) field!: CustomerOrderField;
  @Field(() => SortDirection, { defaultValue: SortDirection.DESC }) direction!: SortDirection;
}

@InputType()
export class CreateCustomerInput {
  @Field(() => String) name!: string;
  @Field(() => CustomerKindEnum, { nullable: true, defaultValue: CustomerKindEnum.COMPANY }) kind?: CustomerKind;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => String, { nullable: true }) phone?: string | null;
  @Field(() => String, { nullable: true }) taxId?: string | null;
  @Field(() => String, { nullable: true, description: 'ISO 4217; default EUR.' }) currency?: string | null;
  @Field(() => [String], { nullable: true }) tags?: string[] | null;
  @Field(() => AddressInput, { nullable: true }) billingAddress?: AddressInput | null;
  @Field(() => AddressInput, { nullable: true }) shippingAddress?: AddressInput | null;
}

@InputType({ description: 'Only the fields given change; null clears an optional field.' })
export class UpdateCustomerInput {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => CustomerKindEnum, { nullable: true }) kind?: CustomerKind | null;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => String, { nullable: true }) phone?: string | null;
  @Field(() => String, { nullable: true }) taxId?: string | null;
  @Field(() => String, { nullable: true }) currency?: string | null;
  @Field(() => [String], { nullable: true }) tags?: string[] | null;
  @Field(() => AddressInput, { nullable: true }) billingAddress?: AddressInput | null;
  @Field(() => AddressInput, { nullable: true }) shippingAddress?: AddressInput | null;
  @Field(() => Int, { nullable: true, description: 'Refuse the update (CONFLICT) unless the customer is still at this version.' })
  expectedVersion?: number | null;
}
