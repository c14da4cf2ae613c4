import { Directive, Field, ID, InputType, ObjectType } from 'type-graphql';
import { ConnectionType } from '@erp/platform';

@ObjectType('WarehouseAddress')
export class WarehouseAddressType {
  @Field(() => String) line1!: string;
  @Field(() => String, { nullable: true }) line2!: string | null;
  @Field(() => String) city!: string;
  @Field(() => String, { nullable: true }) postalCode!: string | null;
  @Field(() => String, { nullable: true }) region!: string | null;
  @Field(() => String) country!: string;
}

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
export class WarehouseAddressInput {
  @Field(() => String) line1!: string;
  @Field(() => String, { nullable: true }) line2?: string | null;
  @Field(() => String) city!: string;
  @Field(() => String, { nullable: true }) postalCode?: string | null;
  @Field(() => String, { nullable: true }) region?: string | null;
  @Field(() => String) country!: string;
}

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
