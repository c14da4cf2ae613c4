import { Directive, Field, ID, InputType, ObjectType } from 'type-graphql';
import { ConnectionType, PostalAddressFields, PostalAddressInputFields } from '@erp/platform';

@ObjectType('WarehouseAddress')
export class WarehouseAddressType extends PostalAddressFields {}

@Directive('@key(fields: "id")')
@ObjectType('Warehouse', { description: 'A place that holds stock.' })
export class WarehouseType {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'Short and unique, upper-case: MAIN.' }) code!: string;
  @Field(() => String) name!: string;
  @Field(() => WarehouseAddressType, { nullable: true }) address!: WarehouseAddressType | null;
  @Field(() => Boolean) active!: boolean;
  @Field(() => Boolean, { description: 'Orders that name no warehouse reserve from this one.' }) isDefault!: boolean;
  @Field(() => Date) createdAt!: Date;
}

export const WarehouseConnection = ConnectionType(WarehouseType, 'Warehouse');

@InputType()
export class WarehouseAddressInput extends PostalAddressInputFields {}

@InputType()
export class CreateWarehouseInput {
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
  @Field(() => WarehouseAddressInput, { nullable: true }) address?: WarehouseAddressInput | null;
  @Field(() => Boolean, { nullable: true, description: 'Make it the default warehouse (the first warehouse always is).' }) isDefault?: boolean | null;
}

@InputType()
export class UpdateWarehouseInput {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => WarehouseAddressInput, { nullable: true }) address?: WarehouseAddressInput | null;
  @Field(() => Boolean, { nullable: true, description: 'Deactivating keeps its stock and history; it stops taking reservations.' }) active?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'true makes it the default warehouse.' }) isDefault?: boolean | null;
}
