import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType, DecimalScalar, SortDirection } from '@erp/platform';

@Directive('@key(fields: "id")')
@ObjectType('Product', { description: 'Something we sell, with its net price and tax rate.' })
export class ProductType {
  @Field(() => ID) id!: string;
  @Field(() => String) sku!: string;
  /** Shareable: sales shows it on order lines from its copy of the names catalog publishes (`@provides`). */
  @Directive('@shareable')
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => String, { description: 'Unit of sale: pcs, kg, h, …' }) unit!: string;
  @Field(() => Boolean) active!: boolean;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) updatedAt!: Date;
  @Field(() => Int) version!: number;
}

export const ProductConnection = ConnectionType(ProductType, 'Product');

@InputType()
export class ProductFilter {
  @Field(() => String, { nullable: true, description: 'Matches name or SKU.' }) search?: string | null;
  @Field(() => ID, { nullable: true }) categoryId?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Default: active products only; false for archived ones.' }) active?: boolean | null;
}

export enum ProductOrderField {
  NAME = 'name',
  SKU = 'sku',
  PRICE = 'priceMinor',
  CREATED_AT = 'createdAt',
}
registerEnumType(ProductOrderField, { name: 'ProductOrderField' });

@InputType()
export class ProductOrder {
  @Field(() => ProductOrderField, { defaultValue: ProductOrderField.NAME }) field!: ProductOrderField;
  @Field(() => SortDirection, { defaultValue: SortDirection.ASC }) direction!: SortDirection;
}

@InputType()
export class CreateProductInput {
  @Field(() => String) sku!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => DecimalScalar, { description: 'Net unit price, e.g. "19.90".' }) price!: string;
  @Field(() => String, { description: 'ISO 4217.' }) currency!: string;
  @Field(() => DecimalScalar, { description: 'Percent, e.g. "20" or "7.5".' }) taxRate!: string;
  @Field(() => String, { nullable: true, defaultValue: 'pcs' }) unit?: string | null;
  @Field(() => ID, { nullable: true }) categoryId?: string | null;
}

@InputType({ description: 'Only the fields given change.' })
export class UpdateProductInput {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => DecimalScalar, { nullable: true }) price?: string | null;
  @Field(() => DecimalScalar, { nullable: true }) taxRate?: string | null;
  @Field(() => String, { nullable: true }) unit?: string | null;
  @Field(() => ID, { nullable: true }) categoryId?: string | null;
  @Field(() => Boolean, { nullable: true }) active?: boolean | null;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}
