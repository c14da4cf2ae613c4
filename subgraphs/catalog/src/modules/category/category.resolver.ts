import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '@erp/platform';
import type { Category } from './category.entity.js';
import { categoryLoader, childrenLoader, createCategory, listCategories } from './category.service.js';
import { CategoryType, CreateCategoryInput } from './category.types.js';

@Resolver(() => CategoryType)
export class CategoryResolver {
  @Authorized('catalog:read')
  @Query(() => [CategoryType], { description: 'The categories under a parent, or the top-level ones.' })
  categories(@Arg('parentId', () => ID, { nullable: true }) parentId: string | null, @Ctx() ctx: RequestContext) {
    return listCategories(ctx, parentId);
  }

  @Authorized('catalog:write')
  @Mutation(() => CategoryType)
  createCategory(@Arg('input', () => CreateCategoryInput) input: CreateCategoryInput, @Ctx() ctx: RequestContext) {
    return createCategory(ctx, input);
  }

  @FieldResolver(() => CategoryType, { nullable: true })
  parent(@Root() category: Category, @Ctx() ctx: RequestContext) {
    return category.parent ? categoryLoader(ctx).load(category.parent.id) : null;
  }

  @FieldResolver(() => [CategoryType])
  children(@Root() category: Category, @Ctx() ctx: RequestContext) {
    return childrenLoader(ctx).load(category.id);
  }
}
