import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { DecimalScalar, formatTaxRate, MoneyType, PageArgs, requestedFields, SortDirection, toMoneyType, type RequestContext } from '@erp/platform';
import { CATEGORY_FIELD_NEEDS, categoryLoader } from '../category/category.service.js';
import { CategoryType } from '../category/category.types.js';
import type { Product } from './product.entity.js';
import { createProduct, findProduct, listProducts, PRODUCT_FIELD_NEEDS, updateProduct, type ProductRow } from './product.service.js';
import { CreateProductInput, ProductConnection, ProductFilter, ProductOrder, ProductOrderField, ProductType, UpdateProductInput } from './product.types.js';

@ArgsType()
class ProductsArgs extends PageArgs {
  @Field(() => ProductFilter, { nullable: true }) filter?: ProductFilter | null;
  @Field(() => ProductOrder, { nullable: true }) orderBy?: ProductOrder | null;
}

@Resolver(() => ProductType)
export class ProductResolver {
  @Authorized('catalog:read')
  @Query(() => ProductConnection)
  products(@Args(() => ProductsArgs) args: ProductsArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    const order = args.orderBy ?? { field: ProductOrderField.NAME, direction: SortDirection.ASC };
    return listProducts(ctx, args.filter ?? {}, order, args, requestedFields(info, ['edges', 'node'], PRODUCT_FIELD_NEEDS));
  }

  @Authorized('catalog:read')
  @Query(() => ProductType)
  product(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return findProduct(ctx, id, requestedFields(info, [], PRODUCT_FIELD_NEEDS));
  }

  @Authorized('catalog:write')
  @Mutation(() => ProductType)
  createProduct(@Arg('input', () => CreateProductInput) input: CreateProductInput, @Ctx() ctx: RequestContext) {
    return createProduct(ctx, input);
  }

  @Authorized('catalog:write')
  @Mutation(() => ProductType)
  updateProduct(@Arg('id', () => ID) id: string, @Arg('input', () => UpdateProductInput) input: UpdateProductInput, @Ctx() ctx: RequestContext) {
    return updateProduct(ctx, id, input);
  }

  @Authorized('catalog:write')
  @Mutation(() => ProductType, { description: 'Takes the product off sale; existing orders keep it.' })
  archiveProduct(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return updateProduct(ctx, id, { active: false });
  }

  @FieldResolver(() => MoneyType, { description: 'Net unit price.' })
  price(@Root() product: Product | ProductRow): MoneyType {
    return toMoneyType(product.priceMinor!, product.currency!);
  }

  @FieldResolver(() => DecimalScalar, { description: 'Tax rate in percent, e.g. "20".' })
  taxRate(@Root() product: Product | ProductRow): string {
    return formatTaxRate(product.taxRateBp!);
  }

  @FieldResolver(() => CategoryType, { nullable: true })
  category(@Root() product: Product | ProductRow, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    // Queries and references read the product as a row (its category as categoryId); mutations answer entities.
    const categoryId = 'categoryId' in product ? product.categoryId : (product as Product).category?.id;
    return categoryId ? categoryLoader(ctx, requestedFields(info, [], CATEGORY_FIELD_NEEDS)).load(categoryId) : null;
  }
}
