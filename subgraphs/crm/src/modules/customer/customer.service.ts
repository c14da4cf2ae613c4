import type { CustomerKind } from '@erp/contracts';
import {
  actingUserId,
  ConflictError,
  customerScopeFilter,
  customerScopeSql,
  isUuid,
  likePattern,
  normalizeEmail,
  NotFoundError,
  optionalText,
  paginateRows,
  raw,
  requiredText,
  sql,
  type PostalAddressInput,
  type Connection,
  type PageRequest,
  type Loader,
  type RequestContext,
  type Row,
  type Sql,
  rowPerKey,
  rowById,
} from '@erp/platform';
import type { FilterQuery } from '@mikro-orm/core';
import { crmPolicy } from '../../policy.js';
import { Customer } from './customer.entity.js';
import { recordCustomerCreated } from './customer.events.js';
import { parseAddress, parseCurrency, parseTags } from './customer.rules.js';

export interface CustomerFilterInput {
  search?: string | null;
  kind?: CustomerKind | null;
  tag?: string | null;
  currency?: string | null;
  includeArchived?: boolean | null;
}

export interface CustomerFields {
  name?: string | null;
  kind?: CustomerKind | null;
  email?: string | null;
  phone?: string | null;
  taxId?: string | null;
  currency?: string | null;
  tags?: string[] | null;
  billingAddress?: PostalAddressInput | null;
  shippingAddress?: PostalAddressInput | null;
}

/** What the caller may see: everything, or (customer portal) their own customer only. */
export function visibleCustomers(ctx: RequestContext): FilterQuery<Customer> {
  return customerScopeFilter(ctx.caller, 'customers:read', crmPolicy, 'id') as FilterQuery<Customer>;
}

/** The read path's twin of `visibleCustomers`, on alias `t`. */
function visibleCustomersSql(ctx: RequestContext): Sql | null {
  return customerScopeSql(ctx.caller, 'customers:read', crmPolicy, raw('t.id'));
}

/** Properties a computed field of Customer reads, for `requestedFields`. */
export const CUSTOMER_FIELD_NEEDS = { archived: ['archivedAt'] };

export type CustomerRow = Row<Customer>;

export async function listCustomers(
  ctx: RequestContext,
  filter: CustomerFilterInput,
  order: { field: 'name' | 'createdAt' | 'updatedAt'; direction: 'ASC' | 'DESC' },
  page: PageRequest,
  fields: readonly string[],
): Promise<Connection<CustomerRow>> {
  const search = filter.search?.trim() ? likePattern(filter.search) : null;
  return paginateRows<CustomerRow>({
    db: ctx.db,
    entity: Customer,
    fields,
    where: [
      visibleCustomersSql(ctx),
      !filter.includeArchived && sql`t.archived_at is null`,
      search && sql`t.name ilike ${search} or t.email ilike ${search}`,
      filter.kind && sql`t.kind = ${filter.kind}`,
      filter.tag && sql`t.tags @> ${[filter.tag.trim().toLowerCase()]}::text[]`,
      filter.currency && sql`t.currency = ${filter.currency.trim().toUpperCase()}`,
    ],
    sort: order,
    page,
  });
}

/** One customer for a query, read as a row. */
export function findCustomer(ctx: RequestContext, id: string, fields: readonly string[]): Promise<CustomerRow> {
  return rowById<CustomerRow>(ctx, Customer, id, fields, { where: [visibleCustomersSql(ctx)] });
}

export async function getCustomer(ctx: RequestContext, id: string): Promise<Customer> {
  const customer = isUuid(id) ? await ctx.em.findOne(Customer, { $and: [{ id }, visibleCustomers(ctx)] }) : null;
  if (!customer) throw new NotFoundError('Customer', id);
  return customer;
}

/** Validates every given field before touching the entity, so a refused input changes nothing. */
function validatedFields(input: CustomerFields): Partial<Customer> {
  const fields: Partial<Customer> = {};
  if (input.name !== undefined && input.name !== null) fields.name = requiredText(input.name, 'name');
  if (input.kind) fields.kind = input.kind;
  if (input.email !== undefined) fields.email = input.email?.trim() ? normalizeEmail(input.email) : null;
  if (input.phone !== undefined) fields.phone = optionalText(input.phone, 'phone', 50);
  if (input.taxId !== undefined) fields.taxId = optionalText(input.taxId, 'taxId', 50);
  if (input.currency) fields.currency = parseCurrency(input.currency);
  if (input.tags) fields.tags = parseTags(input.tags);
  if (input.billingAddress !== undefined) fields.billingAddress = parseAddress(input.billingAddress, 'billingAddress');
  if (input.shippingAddress !== undefined) fields.shippingAddress = parseAddress(input.shippingAddress, 'shippingAddress');
  return fields;
}

export async function createCustomer(ctx: RequestContext, input: CustomerFields & { name: string }): Promise<Customer> {
  const fields = validatedFields(input);
  const customer = ctx.em.create(Customer, { ...fields, name: fields.name ?? requiredText(input.name, 'name') });
  recordCustomerCreated(ctx.em, customer, { byUserId: actingUserId(ctx) });
  await ctx.em.flush();
  ctx.log.info({ customerId: customer.id }, 'customer created');
  return customer;
}

export async function updateCustomer(ctx: RequestContext, id: string, input: CustomerFields & { expectedVersion?: number | null }): Promise<Customer> {
  const customer = await getCustomer(ctx, id);
  if (input.expectedVersion != null && input.expectedVersion !== customer.version) {
    throw new ConflictError(`Customer ${id} was changed by someone else (now version ${customer.version}, you had ${input.expectedVersion}).`, {
      currentVersion: customer.version,
    });
  }
  ctx.em.assign(customer, validatedFields(input));
  await ctx.em.flush();
  return customer;
}

export async function setCustomerArchived(ctx: RequestContext, id: string, archived: boolean): Promise<Customer> {
  const customer = await getCustomer(ctx, id);
  customer.archivedAt = archived ? (customer.archivedAt ?? new Date()) : null;
  await ctx.em.flush();
  return customer;
}

/** One statement per batch, for references from other subgraphs and from leads; rows with the given fields. */
export function customerLoader(ctx: RequestContext, fields: readonly string[]): Loader<string, CustomerRow | null> {
  return rowPerKey<CustomerRow>(ctx, Customer, 'id', fields, { where: [visibleCustomersSql(ctx)] });
}
