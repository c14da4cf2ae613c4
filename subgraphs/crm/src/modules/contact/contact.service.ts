import {
  isUuid,
  normalizeEmail,
  NotFoundError,
  optionalText,
  requiredText,
  sql,
  type Loader,
  type RequestContext,
  type Row,
  rowsPerKey,
} from '@erp/platform';
import type { EntityManager } from '@mikro-orm/postgresql';
import { getCustomer } from '../customer/customer.service.js';
import { Contact } from './contact.entity.js';

export interface ContactFields {
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
  phone?: string | null;
  position?: string | null;
  isPrimary?: boolean | null;
}

function validatedFields(input: ContactFields): Partial<Contact> {
  const fields: Partial<Contact> = {};
  if (input.firstName != null) fields.firstName = requiredText(input.firstName, 'firstName', 100);
  if (input.lastName != null) fields.lastName = requiredText(input.lastName, 'lastName', 100);
  if (input.email !== undefined) fields.email = input.email?.trim() ? normalizeEmail(input.email) : null;
  if (input.phone !== undefined) fields.phone = optionalText(input.phone, 'phone', 50);
  if (input.position !== undefined) fields.position = optionalText(input.position, 'position', 100);
  if (input.isPrimary != null) fields.isPrimary = input.isPrimary;
  return fields;
}

/** A customer has at most one primary contact: making one primary demotes the others. */
async function demoteOtherPrimaries(em: EntityManager, contact: Contact): Promise<void> {
  if (!contact.isPrimary) return;
  // Through the unit of work (flushed when the transaction ends), so the demotions are in the audit trail like any change.
  const others = await em.find(Contact, { customer: contact.customer, id: { $ne: contact.id }, isPrimary: true });
  for (const other of others) other.isPrimary = false;
}

export async function createContact(ctx: RequestContext, input: ContactFields & { customerId: string; firstName: string; lastName: string }): Promise<Contact> {
  const fields = validatedFields(input);
  const customer = await getCustomer(ctx, input.customerId);
  return ctx.em.transactional(async (em) => {
    const contact = em.create(Contact, { ...fields, firstName: fields.firstName!, lastName: fields.lastName!, customer });
    await em.flush();
    await demoteOtherPrimaries(em, contact);
    return contact;
  });
}

async function getContact(ctx: RequestContext, id: string): Promise<Contact> {
  const contact = isUuid(id) ? await ctx.em.findOne(Contact, { id }) : null;
  if (!contact) throw new NotFoundError('Contact', id);
  return contact;
}

export async function updateContact(ctx: RequestContext, id: string, input: ContactFields): Promise<Contact> {
  const fields = validatedFields(input);
  const contact = await getContact(ctx, id);
  return ctx.em.transactional(async (em) => {
    em.assign(contact, fields);
    await em.flush();
    await demoteOtherPrimaries(em, contact);
    return contact;
  });
}

export async function deleteContact(ctx: RequestContext, id: string): Promise<boolean> {
  const contact = await getContact(ctx, id);
  await ctx.em.remove(contact).flush();
  return true;
}

export type ContactRow = Row<Contact> & { customerId: string };

/** Contacts of many customers in one statement, primary first; the customer's visibility was checked where it was read. */
export function contactsLoader(ctx: RequestContext, fields: readonly string[]): Loader<string, ContactRow[]> {
  return rowsPerKey<ContactRow>(ctx, Contact, 'customerId', fields, { orderBy: sql`t.is_primary desc, t.last_name asc, t.id asc` });
}
