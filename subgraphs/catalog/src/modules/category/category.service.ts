import { assertUuid, ConflictError, isUuid, NotFoundError, requiredText, sql, type Loader, type RequestContext, type Row, rowPerKey, rowsPerKey } from '@erp/platform';
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

export type CategoryRow = Row<Category> & { parentId?: string | null };

/** Properties the computed fields of Category read, for `requestedFields`. */
export const CATEGORY_FIELD_NEEDS = { parent: ['parentId'] };

export async function listCategories(ctx: RequestContext, parentId: string | null, fields: readonly string[]): Promise<CategoryRow[]> {
  const parent = parentId ? assertUuid(parentId, 'parentId') : null;
  return ctx.db.rows<CategoryRow>(
    sql`select ${ctx.db.columns(Category, fields)} from ${ctx.db.table(Category)}
        where ${parent ? sql`t.parent_id = ${parent}` : sql`t.parent_id is null`} order by t.name, t.id`,
  );
}

export function categoryLoader(ctx: RequestContext, fields: readonly string[]): Loader<string, CategoryRow | null> {
  return rowPerKey<CategoryRow>(ctx, Category, 'id', fields);
}

export function childrenLoader(ctx: RequestContext, fields: readonly string[]): Loader<string, CategoryRow[]> {
  return rowsPerKey<CategoryRow & { parentId: string }>(ctx, Category, 'parentId', fields, { orderBy: sql`t.name, t.id` });
}
