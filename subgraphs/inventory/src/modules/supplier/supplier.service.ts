import {
  assertCurrency,
  assertUuid,
  ConflictError,
  isUuid,
  likePattern,
  normalizeEmail,
  NotFoundError,
  optionalText,
  paginateRows,
  requiredText,
  rowById,
  rowPerKey,
  sql,
  type Connection,
  type EntityManager,
  type Loader,
  type PageRequest,
  type RequestContext,
  type Row,
} from '@erp/platform';
import { Supplier } from './supplier.entity.js';
import { parseDays } from './supplier.rules.js';

export type SupplierRow = Row<Supplier>;

export interface SupplierInput {
  name?: string | null;
  email?: string | null;
  phone?: string | null;
  contactPerson?: string | null;
  currency?: string | null;
  paymentTermsDays?: number | null;
  leadTimeDays?: number | null;
}

/** Checked and normalized fields of an input: only those given (undefined leaves a field as it is). */
function parseSupplierInput(input: SupplierInput): Partial<Pick<Supplier, 'name' | 'email' | 'phone' | 'contactPerson' | 'currency' | 'paymentTermsDays' | 'leadTimeDays'>> {
  const fields: ReturnType<typeof parseSupplierInput> = {};
  if (input.name != null) fields.name = requiredText(input.name, 'name', 200);
  if (input.email !== undefined) fields.email = input.email?.trim() ? normalizeEmail(input.email, 'email') : null;
  if (input.phone !== undefined) fields.phone = optionalText(input.phone, 'phone', 50);
  if (input.contactPerson !== undefined) fields.contactPerson = optionalText(input.contactPerson, 'contactPerson', 200);
  if (input.currency != null) fields.currency = assertCurrency(input.currency.trim(), 'currency');
  if (input.paymentTermsDays != null) fields.paymentTermsDays = parseDays(input.paymentTermsDays, 'paymentTermsDays');
  if (input.leadTimeDays != null) fields.leadTimeDays = parseDays(input.leadTimeDays, 'leadTimeDays');
  return fields;
}

export async function createSupplier(ctx: RequestContext, input: SupplierInput & { name: string; currency: string }): Promise<Supplier> {
  const fields = parseSupplierInput(input);
  return ctx.em.transactional(async (em) => {
    const supplier = em.create(Supplier, { ...fields, name: fields.name!, currency: fields.currency! });
    await em.flush();
    ctx.log.info({ supplierId: supplier.id }, 'supplier created');
    return supplier;
  });
}

export async function updateSupplier(ctx: RequestContext, id: string, input: SupplierInput & { active?: boolean | null; expectedVersion?: number | null }): Promise<Supplier> {
  const fields = parseSupplierInput(input);
  return ctx.em.transactional(async (em) => {
    const supplier = await getSupplier(em, id);
    if (input.expectedVersion != null && input.expectedVersion !== supplier.version) {
      throw new ConflictError(`The supplier was changed since version ${input.expectedVersion} (now ${supplier.version}): read it again.`, { field: 'expectedVersion' });
    }
    Object.assign(supplier, fields);
    if (input.active != null) supplier.active = input.active;
    await em.flush();
    return supplier;
  });
}

export async function getSupplier(em: EntityManager, id: string, field = 'id'): Promise<Supplier> {
  const supplier = isUuid(id) ? await em.findOne(Supplier, { id }) : null;
  if (!supplier) {
    assertUuid(id, field);
    throw new NotFoundError('Supplier', id);
  }
  return supplier;
}

/** A supplier new orders may go to: it must exist and be active. */
export async function activeSupplier(em: EntityManager, id: string, field = 'supplierId'): Promise<Supplier> {
  const supplier = await getSupplier(em, id, field);
  if (!supplier.active) throw new ConflictError(`Supplier ${supplier.name} is not active.`, { field });
  return supplier;
}

export function listSuppliers(ctx: RequestContext, filter: { active?: boolean | null; search?: string | null }, page: PageRequest, fields: readonly string[]): Promise<Connection<SupplierRow>> {
  const search = filter.search?.trim() ? likePattern(filter.search) : null;
  return paginateRows<SupplierRow>({
    db: ctx.db,
    entity: Supplier,
    fields,
    where: [filter.active != null && sql`t.active = ${filter.active}`, search && sql`t.name ilike ${search}`],
    sort: { field: 'name', direction: 'ASC' },
    page,
  });
}

export function findSupplier(ctx: RequestContext, id: string, fields: readonly string[]): Promise<SupplierRow> {
  return rowById<SupplierRow>(ctx, Supplier, id, fields);
}

export function supplierLoader(ctx: RequestContext, fields: readonly string[]): Loader<string, SupplierRow | null> {
  return rowPerKey<SupplierRow>(ctx, Supplier, 'id', fields);
}
