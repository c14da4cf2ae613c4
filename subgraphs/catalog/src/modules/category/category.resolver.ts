import { Arg, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { requestedFields, type RequestContext } from '@erp/platform';
import type { Category } from './category.entity.js';
import { CATEGORY_FIELD_NEEDS, categoryLoader, childrenLoader, createCategory, listCategories, type CategoryRow } from './category.service.js';
import { CategoryType, CreateCategoryInput } from './category.types.js';

@Resolver(() => CategoryType)
export class CategoryResolver {
  @Authorized('catalog:read')
  @Query(() => [CategoryType], { description: 'The categories under a parent, or the top-level ones.' })
  categories(@Arg('parentId', () => ID, { nullable: true }) parentId: string | null, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return listCategories(ctx, parentId, requestedFields(info, [], CATEGORY_FIELD_NEEDS));
  }

  @Authorized('catalog:write')
  @Mutation(() => CategoryType)
  createCategory(@Arg('input', () => CreateCategoryInput) input: CreateCategoryInput, @Ctx() ctx: RequestContext) {
    return createCategory(ctx, input);
  }

  @FieldResolver(() => CategoryType, { nullable: true })
  parent(@Root() category: Category | CategoryRow, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    // A query reads the category as a row (its parent as parentId); createCategory answers an entity.
    const parentId = 'parentId' in category ? category.parentId : (category as Category).parent?.id;
    return parentId ? categoryLoader(ctx, requestedFields(info, [], CATEGORY_FIELD_NEEDS)).load(parentId) : null;
  }

  @FieldResolver(() => [CategoryType])
  children(@Root() category: Category | CategoryRow, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return childrenLoader(ctx, requestedFields(info, [], CATEGORY_FIELD_NEEDS)).load(category.id);
  }
}
