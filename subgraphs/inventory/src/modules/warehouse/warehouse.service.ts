import {
  assertUuid,
  ConflictError,
  isUuid,
  NotFoundError,
  paginateRows,
  parsePostalAddress,
  requiredText,
  sql,
  rowById,
  rowPerKey,
  type Connection,
  type EntityManager,
  type Loader,
  type PageRequest,
  type PostalAddressInput,
  type RequestContext,
  type Row,
} from '@erp/platform';
import { Warehouse } from './warehouse.entity.js';
import { parseWarehouseCode } from './warehouse.rules.js';

export type WarehouseRow = Row<Warehouse>;

export async function getWarehouse(em: EntityManager, id: string): Promise<Warehouse> {
  const warehouse = isUuid(id) ? await em.findOne(Warehouse, { id }) : null;
  if (!warehouse) throw new NotFoundError('Warehouse', id);
  return warehouse;
}

/** The warehouse stock moves in or out of: it must exist and be active. */
export async function activeWarehouse(em: EntityManager, id: string, field = 'warehouseId'): Promise<Warehouse> {
  const warehouse = await getWarehouse(em, assertUuid(id, field));
  if (!warehouse.active) throw new ConflictError(`Warehouse ${warehouse.code} is not active.`, { field });
  return warehouse;
}

export async function createWarehouse(
  ctx: RequestContext,
  input: { code: string; name: string; address?: PostalAddressInput | null; isDefault?: boolean | null },
): Promise<Warehouse> {
  const code = parseWarehouseCode(input.code);
  const name = requiredText(input.name, 'name', 200);
  const address = input.address ? parsePostalAddress(input.address, 'address') : null;
  return ctx.em.transactional(async (em) => {
    if (await em.count(Warehouse, { code })) throw new ConflictError(`A warehouse with code ${code} already exists.`, { field: 'code' });
    const first = (await em.count(Warehouse, {})) === 0;
    // The old default is written off before the new one is written: one default at any moment (a unique index).
    if (input.isDefault === true && !first) await clearDefault(em);
    const warehouse = em.create(Warehouse, { code, name, address, isDefault: first || input.isDefault === true });
    await em.flush();
    ctx.log.info({ warehouseId: warehouse.id, code }, 'warehouse created');
    return warehouse;
  });
}

export async function updateWarehouse(
  ctx: RequestContext,
  id: string,
  input: { name?: string | null; address?: PostalAddressInput | null; active?: boolean | null; isDefault?: boolean | null },
): Promise<Warehouse> {
  return ctx.em.transactional(async (em) => {
    const warehouse = await getWarehouse(em, id);
    if (input.name != null) warehouse.name = requiredText(input.name, 'name', 200);
    if (input.address !== undefined) warehouse.address = input.address ? parsePostalAddress(input.address, 'address') : null;
    if (input.active != null) warehouse.active = input.active;
    if (input.isDefault === false && warehouse.isDefault) {
      throw new ConflictError('There is always a default warehouse: make another one the default instead.', { field: 'isDefault' });
    }
    if (input.isDefault === true && !warehouse.isDefault) {
      await clearDefault(em);
      warehouse.isDefault = true;
    }
    if (warehouse.isDefault && !warehouse.active) throw new ConflictError('The default warehouse cannot be deactivated.', { field: 'active' });
    await em.flush();
    return warehouse;
  });
}

async function clearDefault(em: EntityManager): Promise<void> {
  const current = await em.find(Warehouse, { isDefault: true });
  for (const warehouse of current) warehouse.isDefault = false;
  await em.flush();
}

/** The default warehouse, or null before the first one is created. */
export function defaultWarehouse(em: EntityManager): Promise<Warehouse | null> {
  return em.findOne(Warehouse, { isDefault: true });
}

export function listWarehouses(ctx: RequestContext, filter: { active?: boolean | null }, page: PageRequest, fields: readonly string[]): Promise<Connection<WarehouseRow>> {
  return paginateRows<WarehouseRow>({
    db: ctx.db,
    entity: Warehouse,
    fields,
    where: [filter.active != null && sql`t.active = ${filter.active}`],
    sort: { field: 'code', direction: 'ASC' },
    page,
  });
}

export function findWarehouse(ctx: RequestContext, id: string, fields: readonly string[]): Promise<WarehouseRow> {
  return rowById<WarehouseRow>(ctx, Warehouse, id, fields);
}

export function warehouseLoader(ctx: RequestContext, fields: readonly string[]): Loader<string, WarehouseRow | null> {
  return rowPerKey<WarehouseRow>(ctx, Warehouse, 'id', fields);
}
