import { alignByKey, assertUuid, ConflictError, groupByKey, isUuid, NotFoundError, requiredText, type Loader, type RequestContext } from '@erp/platform';
import { Category } from './category.entity.js';

export async function getCategory(ctx: RequestContext, id: string): Promise<Category> {
  const category = isUuid(id) ? await ctx.em.findOne(Category, { id }) : null;
  if (!category) throw new NotFoundError('Category', id);
  return category;
}

export async function createCategory(ctx: RequestContext, input: { name: string; parentId?: string | null }): Promise<Category> {
  const name = requiredText(input.name, 'name', 100);
  const parent = input.parentId ? await getCategory(ctx, assertUuid(input.parentId, 'parentId')) : null;
  if (await ctx.em.count(Category, { name, parent })) {
    throw new ConflictError(`A category "${name}" already exists ${parent ? `under ${parent.name}` : 'at the top level'}.`, { field: 'name' });
  }
  const category = ctx.em.create(Category, { name, parent });
  await ctx.em.flush();
  return category;
}

export async function listCategories(ctx: RequestContext, parentId: string | null): Promise<Category[]> {
  return ctx.em.find(Category, { parent: parentId ? assertUuid(parentId, 'parentId') : null }, { orderBy: { name: 'ASC' } });
}

export function categoryLoader(ctx: RequestContext): Loader<string, Category | null> {
  return ctx.loaders.get('Category.byId', async (ids) => alignByKey(ids, await ctx.em.find(Category, { id: { $in: [...ids] } }), (c) => c.id));
}

export function childrenLoader(ctx: RequestContext): Loader<string, Category[]> {
  return ctx.loaders.get('Category.children', async (ids) =>
    groupByKey(ids, await ctx.em.find(Category, { parent: { $in: [...ids] } }, { orderBy: { name: 'ASC' } }), (c) => c.parent!.id),
  );
}
