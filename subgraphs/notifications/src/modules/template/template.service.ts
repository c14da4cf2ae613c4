import type { Channel } from '@erp/contracts';
import {
  BadUserInputError,
  ConflictError,
  isUuid,
  NotFoundError,
  paginateRows,
  sql,
  type Connection,
  type EntityManager,
  type PageRequest,
  type RequestContext,
  type Row,
  rowById,
} from '@erp/platform';
import { assertMessageShape } from '../notification/notification.rules.js';
import { NotificationTemplate } from './notification-template.entity.js';
import { assertValidTemplate, normalizeTemplateKey } from './template.rules.js';

export interface TemplateInput {
  key: string;
  channel: Channel;
  subject?: string | null;
  body: string;
  active?: boolean | null;
}

export interface TemplateChanges {
  subject?: string | null;
  body?: string | null;
  active?: boolean | null;
  expectedVersion?: number | null;
}

/** The active template for a key on a channel, or null. */
export function findActiveTemplate(em: EntityManager, key: string, channel: Channel): Promise<NotificationTemplate | null> {
  return em.findOne(NotificationTemplate, { key, channel, active: true });
}

export type TemplateRow = Row<NotificationTemplate>;

/** The template as an entity, for a change. */
export async function getTemplate(ctx: RequestContext, id: string): Promise<NotificationTemplate> {
  const template = isUuid(id) ? await ctx.em.findOne(NotificationTemplate, { id }) : null;
  if (!template) throw new NotFoundError('NotificationTemplate', id);
  return template;
}

/** One template for a query, read as a row. */
export function findTemplate(ctx: RequestContext, id: string, fields: readonly string[]): Promise<TemplateRow> {
  return rowById<TemplateRow>(ctx, NotificationTemplate, id, fields);
}

export function listTemplates(
  ctx: RequestContext,
  filter: { channel?: Channel | null; key?: string | null; active?: boolean | null },
  page: PageRequest,
  fields: readonly string[],
): Promise<Connection<TemplateRow>> {
  const key = filter.key ? normalizeTemplateKey(filter.key) : null;
  return paginateRows<TemplateRow>({
    db: ctx.db,
    entity: NotificationTemplate,
    fields,
    where: [
      filter.channel && sql`t.channel = ${filter.channel}`,
      key && sql`t.key = ${key}`,
      filter.active !== null && filter.active !== undefined && sql`t.active = ${filter.active}`,
    ],
    sort: { field: 'key', direction: 'ASC' },
    page,
  });
}

/** Subject and body must be valid Liquid; the shape rules of a message apply to the template's raw text. */
function checkedTexts(channel: Channel, subject: string | null, body: string): { subject: string | null; body: string } {
  const texts = { subject: subject?.trim() ? assertValidTemplate(subject.trim(), 'subject') : null, body: assertValidTemplate(body, 'body') };
  assertMessageShape(channel, texts);
  return texts;
}

export async function createTemplate(ctx: RequestContext, input: TemplateInput): Promise<NotificationTemplate> {
  const key = normalizeTemplateKey(input.key);
  const texts = checkedTexts(input.channel, input.subject ?? null, input.body);
  if (await ctx.em.count(NotificationTemplate, { key, channel: input.channel })) {
    throw new ConflictError(`A ${input.channel} template "${key}" already exists; update it instead.`, { field: 'key' });
  }
  const template = ctx.em.create(NotificationTemplate, { key, channel: input.channel, ...texts, active: input.active ?? true });
  try {
    await ctx.em.flush();
  } catch (error) {
    // A concurrent create of the same key and channel won the unique index.
    if ((error as { name?: string }).name === 'UniqueConstraintViolationException') throw new ConflictError(`A ${input.channel} template "${key}" already exists.`, { field: 'key' });
    throw error;
  }
  return template;
}

export async function updateTemplate(ctx: RequestContext, id: string, changes: TemplateChanges): Promise<NotificationTemplate> {
  const template = await getTemplate(ctx, id);
  if (changes.expectedVersion != null && changes.expectedVersion !== template.version) {
    throw new ConflictError(`Template ${id} was changed by someone else (now version ${template.version}).`, { currentVersion: template.version });
  }
  if (changes.body === null) throw new BadUserInputError('body cannot be removed; give the new text.', { field: 'body' });
  const subject = changes.subject === undefined ? template.subject : changes.subject;
  const texts = checkedTexts(template.channel, subject, changes.body ?? template.body);
  template.subject = texts.subject;
  template.body = texts.body;
  if (changes.active !== null && changes.active !== undefined) template.active = changes.active;
  await ctx.em.flush();
  return template;
}
