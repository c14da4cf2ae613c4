import {
  assertUuid,
  BadUserInputError,
  isUuid,
  likePattern,
  ConflictError,
  NotFoundError,
  paginateRows,
  requireUser,
  sql,
  type Connection,
  type Loader,
  type PageRequest,
  type RequestContext,
  type Row,
  rowPerKey,
  rowById,
} from '@erp/platform';
import { revokeSessions } from '../auth/revoke-sessions.js';
import { hashPassword, verifyPassword } from '../auth/password.js';
import { User } from './user.entity.js';
import { assertPassword, cleanDisplayName, parseRoles } from './user.rules.js';

export type UserRow = Row<User>;

/** The user as an entity, for a change. */
export async function getUser(ctx: RequestContext, id: string): Promise<User> {
  if (!isUuid(id)) throw new NotFoundError('User', id);
  const user = await ctx.em.findOne(User, { id });
  if (!user) throw new NotFoundError('User', id);
  return user;
}

/** One user for a query, read as a row. */
export function findUser(ctx: RequestContext, id: string, fields: readonly string[]): Promise<UserRow> {
  return rowById<UserRow>(ctx, User, id, fields);
}

export async function me(ctx: RequestContext): Promise<User> {
  return getUser(ctx, requireUser(ctx).userId);
}

/** The signed-in user for the `me` query, read as a row. */
export async function findMe(ctx: RequestContext, fields: readonly string[]): Promise<UserRow> {
  return findUser(ctx, requireUser(ctx).userId, fields);
}

export async function listUsers(
  ctx: RequestContext,
  filter: { search?: string | null; role?: string | null; disabled?: boolean | null },
  page: PageRequest,
  fields: readonly string[],
): Promise<Connection<UserRow>> {
  const search = filter.search ? likePattern(filter.search) : null;
  return paginateRows<UserRow>({
    db: ctx.db,
    entity: User,
    fields,
    where: [
      search && sql`t.email ilike ${search} or t.display_name ilike ${search}`,
      filter.role && sql`t.roles @> ${[filter.role]}::text[]`,
      filter.disabled === true && sql`t.disabled_at is not null`,
      filter.disabled === false && sql`t.disabled_at is null`,
    ],
    sort: { field: 'createdAt', direction: 'ASC' },
    page,
  });
}

export async function updateUser(
  ctx: RequestContext,
  id: string,
  input: { displayName?: string | null; roles?: string[] | null; customerId?: string | null; employeeId?: string | null; expectedVersion?: number | null },
): Promise<User> {
  const user = await getUser(ctx, id);
  if (input.expectedVersion != null && input.expectedVersion !== user.version) {
    throw new ConflictError(`User ${id} was changed by someone else (version ${user.version}, you had ${input.expectedVersion}).`, {
      currentVersion: user.version,
    });
  }
  if (input.displayName !== undefined) user.displayName = cleanDisplayName(input.displayName);
  if (input.roles) {
    const roles = parseRoles(input.roles);
    const caller = requireUser(ctx);
    if (caller.userId === id && !roles.includes('admin') && user.roles.includes('admin')) {
      throw new ConflictError('You cannot remove your own admin role; ask another admin.');
    }
    user.roles = roles;
  }
  if (input.customerId !== undefined) {
    if (input.customerId !== null) assertUuid(input.customerId, 'customerId');
    user.customerId = input.customerId;
  }
  if (input.employeeId !== undefined) {
    if (input.employeeId !== null) assertUuid(input.employeeId, 'employeeId');
    user.employeeId = input.employeeId;
  }
  await ctx.em.flush();
  ctx.log.info({ userId: id, by: ctx.caller }, 'user updated');
  return user;
}

/** Disabling also ends every session; access tokens already issued die within their 15 minutes. */
export async function setUserDisabled(ctx: RequestContext, id: string, disabled: boolean): Promise<User> {
  const user = await getUser(ctx, id);
  if (disabled && requireUser(ctx).userId === id) throw new ConflictError('You cannot disable your own account.');
  await ctx.em.transactional(async (em) => {
    user.disabledAt = disabled ? (user.disabledAt ?? new Date()) : null;
    if (disabled) await revokeSessions(em, { userId: id }, new Date());
  });
  return user;
}

export async function changePassword(ctx: RequestContext, currentPassword: string, newPassword: string): Promise<boolean> {
  const user = await me(ctx);
  if (!(await verifyPassword(currentPassword, user.passwordHash))) {
    throw new BadUserInputError('currentPassword is not your current password.', { field: 'currentPassword' });
  }
  assertPassword(newPassword, 'newPassword');
  user.passwordHash = await hashPassword(newPassword);
  await ctx.em.flush();
  return true;
}

/** One statement per batch, for references from other subgraphs; rows with the given fields. */
export function userLoader(ctx: RequestContext, fields: readonly string[]): Loader<string, UserRow | null> {
  return rowPerKey<UserRow>(ctx, User, 'id', fields);
}
