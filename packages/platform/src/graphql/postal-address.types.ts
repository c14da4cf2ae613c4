import { Field, InputType, ObjectType } from 'type-graphql';
import type { PostalAddress, PostalAddressInput } from '../address.js';

/*
 * The fields of a postal address, once: each subgraph names its own type (crm's Address, sales' ShippingAddress,
 * inventory's WarehouseAddress) by extending these, e.g. `@ObjectType('Address') class AddressType extends PostalAddressFields {}`.
 */

// Registered without a name of its own, as a base for fields; reachable from no field, so never in a schema.
@ObjectType()
export class PostalAddressFields implements PostalAddress {
  @Field(() => String) line1!: string;
  @Field(() => String, { nullable: true }) line2!: string | null;
  @Field(() => String) city!: string;
  @Field(() => String, { nullable: true }) postalCode!: string | null;
  @Field(() => String, { nullable: true }) region!: string | null;
  @Field(() => String, { description: 'ISO 3166-1 alpha-2, e.g. "DE".' }) country!: string;
}

@InputType()
export class PostalAddressInputFields implements PostalAddressInput {
  @Field(() => String) line1!: string;
  @Field(() => String, { nullable: true }) line2?: string | null;
  @Field(() => String) city!: string;
  @Field(() => String, { nullable: true }) postalCode?: string | null;
  @Field(() => String, { nullable: true }) region?: string | null;
  @Field(() => String) country!: string;
}
