import { LEAD_STAGES, type CustomerKind, type LeadStage } from '@erp/contracts';
import {
  actingUserId,
  assertUuid,
  BadUserInputError,
  ConflictError,
  divideRounded,
  isUuid,
  likePattern,
  minorDigits,
  normalizeEmail,
  NotFoundError,
  optionalText,
  paginateRows,
  parseDecimal,
  requiredText,
  sql,
  toMoneyType,
  type Connection,
  type MoneyType,
  type PageRequest,
  type RequestContext,
  type Row,
  rowById,
} from '@erp/platform';
import { LockMode } from '@mikro-orm/core';
import { Customer } from '../customer/customer.entity.js';
import { recordCustomerCreated } from '../customer/customer.events.js';
import { parseCurrency } from '../customer/customer.rules.js';
import { Lead } from './lead.entity.js';
import { recordLeadConverted, recordLeadStageChanged } from './lead.events.js';
import { assertConvertible, assertProbability, assertStageMove, STAGE_PROBABILITY } from './lead.rules.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface LeadFields {
  title?: string | null;
  companyName?: string | null;
  contactName?: string | null;
  email?: string | null;
  phone?: string | null;
  source?: string | null;
  value?: string | null;
  currency?: string | null;
  probability?: number | null;
  expectedCloseDate?: string | null;
  ownerId?: string | null;
}

function validatedFields(input: LeadFields, currentCurrency: string): Partial<Lead> {
  const fields: Partial<Lead> = {};
  if (input.title != null) fields.title = requiredText(input.title, 'title');
  if (input.companyName !== undefined) fields.companyName = optionalText(input.companyName, 'companyName');
  if (input.contactName !== undefined) fields.contactName = optionalText(input.contactName, 'contactName');
  if (input.email !== undefined) fields.email = input.email?.trim() ? normalizeEmail(input.email) : null;
  if (input.phone !== undefined) fields.phone = optionalText(input.phone, 'phone', 50);
  if (input.source !== undefined) fields.source = optionalText(input.source, 'source', 100);
  const currency = input.currency ? parseCurrency(input.currency) : currentCurrency;
  if (input.currency) fields.currency = currency;
  if (input.value != null) {
    const value = parseDecimal(input.value, minorDigits(currency), 'value');
    if (value < 0n) throw new BadUserInputError('value must not be negative.', { field: 'value' });
    fields.valueMinor = value;
  }
  if (input.probability != null) fields.probability = assertProbability(input.probability);
  if (input.expectedCloseDate !== undefined) {
    if (input.expectedCloseDate !== null && (!ISO_DATE.test(input.expectedCloseDate) || Number.isNaN(Date.parse(input.expectedCloseDate)))) {
      throw new BadUserInputError('expectedCloseDate must be a date such as "2026-12-31".', { field: 'expectedCloseDate' });
    }
    fields.expectedCloseDate = input.expectedCloseDate;
  }
  if (input.ownerId !== undefined) fields.ownerId = input.ownerId === null ? null : assertUuid(input.ownerId, 'ownerId');
  return fields;
}

export type LeadRow = Row<Lead> & { customerId?: string | null };

/** Properties the computed fields of Lead read, for `requestedFields`. */
export const LEAD_FIELD_NEEDS = { value: ['valueMinor', 'currency'], weightedValue: ['valueMinor', 'probability', 'currency'], customer: ['customerId'] };

/** One lead for a query, read as a row. */
export function findLead(ctx: RequestContext, id: string, fields: readonly string[]): Promise<LeadRow> {
  return rowById<LeadRow>(ctx, Lead, id, fields);
}

/** The lead as an entity, for a change. */
export async function getLead(ctx: RequestContext, id: string): Promise<Lead> {
  const lead = isUuid(id) ? await ctx.em.findOne(Lead, { id }) : null;
  if (!lead) throw new NotFoundError('Lead', id);
  return lead;
}

export async function listLeads(
  ctx: RequestContext,
  filter: { stage?: LeadStage | null; ownerId?: string | null; search?: string | null },
  order: { field: 'createdAt' | 'updatedAt' | 'valueMinor'; direction: 'ASC' | 'DESC' },
  page: PageRequest,
  fields: readonly string[],
): Promise<Connection<LeadRow>> {
  const ownerId = filter.ownerId ? assertUuid(filter.ownerId, 'ownerId') : null;
  const search = filter.search?.trim() ? likePattern(filter.search) : null;
  return paginateRows<LeadRow>({
    db: ctx.db,
    entity: Lead,
    fields,
    where: [
      filter.stage && sql`t.stage = ${filter.stage}`,
      ownerId && sql`t.owner_id = ${ownerId}`,
      search && sql`t.title ilike ${search} or t.company_name ilike ${search} or t.contact_name ilike ${search} or t.email ilike ${search}`,
    ],
    sort: order,
    page,
  });
}

export async function createLead(ctx: RequestContext, input: LeadFields & { title: string }): Promise<Lead> {
  const fields = validatedFields(input, 'EUR');
  const lead = ctx.em.create(Lead, {
    probability: STAGE_PROBABILITY.NEW,
    ownerId: actingUserId(ctx),
    ...fields,
    title: fields.title ?? requiredText(input.title, 'title'),
  });
  await ctx.em.flush();
  return lead;
}

function assertVersion(lead: Lead, expectedVersion: number | null | undefined): void {
  if (expectedVersion != null && expectedVersion !== lead.version) {
    throw new ConflictError(`Lead ${lead.id} was changed by someone else (now version ${lead.version}).`, { currentVersion: lead.version });
  }
}

export async function updateLead(ctx: RequestContext, id: string, input: LeadFields & { expectedVersion?: number | null }): Promise<Lead> {
  const lead = await getLead(ctx, id);
  assertVersion(lead, input.expectedVersion);
  ctx.em.assign(lead, validatedFields(input, lead.currency));
  await ctx.em.flush();
  return lead;
}

export async function moveLeadStage(ctx: RequestContext, id: string, stage: LeadStage, reason: string | null | undefined): Promise<Lead> {
  const lead = await getLead(ctx, id);
  assertStageMove(lead.stage, stage, reason);
  const from = lead.stage;
  lead.stage = stage;
  lead.probability = STAGE_PROBABILITY[stage];
  lead.lostReason = stage === 'LOST' ? requiredText(reason!, 'reason', 2_000) : null;
  recordLeadStageChanged(ctx.em, lead, from, { at: new Date(), byUserId: actingUserId(ctx) });
  await ctx.em.flush();
  ctx.log.info({ leadId: id, stage }, 'lead stage changed');
  return lead;
}

/** Creates the customer and closes the lead as WON in one transaction: both happen or neither. */
export async function convertLead(
  ctx: RequestContext,
  id: string,
  overrides: { name?: string | null; kind?: CustomerKind | null; currency?: string | null },
): Promise<Lead> {
  return ctx.em.transactional(async (em) => {
    const lead = await em.findOne(Lead, { id: isUuid(id) ? id : '00000000-0000-0000-0000-000000000000' }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!lead) throw new NotFoundError('Lead', id);
    assertConvertible(lead.stage);
    const name = overrides.name?.trim() || lead.companyName || lead.contactName;
    if (!name) throw new BadUserInputError('The lead has no company or contact name: give the customer a name.', { field: 'name' });
    const customer = em.create(Customer, {
      name: requiredText(name, 'name'),
      kind: overrides.kind ?? (lead.companyName ? 'COMPANY' : 'INDIVIDUAL'),
      email: lead.email,
      phone: lead.phone,
      currency: overrides.currency ? parseCurrency(overrides.currency) : lead.currency,
    });
    const from = lead.stage;
    const change = { at: new Date(), byUserId: actingUserId(ctx) };
    Object.assign(lead, { stage: 'WON', probability: STAGE_PROBABILITY.WON, customer, convertedAt: change.at });
    recordCustomerCreated(em, customer, { byUserId: change.byUserId, leadId: lead.id });
    recordLeadStageChanged(em, lead, from, change);
    recordLeadConverted(em, lead, from, customer, change);
    await em.flush();
    ctx.log.info({ leadId: id, customerId: customer.id }, 'lead converted');
    return lead;
  });
}

export interface StageSummary {
  stage: LeadStage;
  count: number;
  value: MoneyType;
  weightedValue: MoneyType;
}

/** Count, value and probability-weighted value per stage, in one GROUP BY. */
export async function pipelineSummary(ctx: RequestContext, currencyInput: string): Promise<StageSummary[]> {
  const currency = parseCurrency(currencyInput);
  const rows = await ctx.db.rows<{ stage: LeadStage; count: number; value: string; weighted: string }>(
    sql`select t.stage, count(*)::int as count, coalesce(sum(t.value_minor), 0)::text as value,
               coalesce(sum(t.value_minor * t.probability), 0)::text as weighted
        from ${ctx.db.table(Lead)} where t.currency = ${currency} group by t.stage`,
  );
  const byStage = new Map(rows.map((row) => [row.stage, row]));
  const money = (minor: bigint) => toMoneyType(minor, currency);
  return LEAD_STAGES.map((stage) => {
    const row = byStage.get(stage);
    // sum(value × probability %) is in hundredths of a minor unit: round once, at the end.
    const weightedTimes100 = BigInt(row?.weighted ?? 0);
    return {
      stage,
      count: row?.count ?? 0,
      value: money(BigInt(row?.value ?? 0)),
      weightedValue: money(divideRounded(weightedTimes100, 100n)),
    };
  });
}
