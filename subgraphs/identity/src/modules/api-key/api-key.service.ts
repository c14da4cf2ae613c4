import { timingSafeEqual } from 'node:crypto';
import {
  actingUserId,
  BadUserInputError,
  ForbiddenError,
  hasRole,
  isUuid,
  NotFoundError,
  paginateRows,
  requireUser,
  sql,
  type ApiKeyVerification,
  type Connection,
  type EntityManager,
  type PageRequest,
  type RequestContext,
  type Row,
  type RowReader,
  type Sql,
} from '@erp/platform';
import type { FilterQuery } from '@mikro-orm/core';
import { User } from '../user/user.entity.js';
import { ApiKey } from './api-key.entity.js';
import { recordApiKeyRevoked } from './api-key.events.js';
import { generateApiKeySecret, hashSecret, parseCostLimit, parseScopes, prefixOf } from './api-key.rules.js';

/** last_used_at is written at most this often per key, so a busy partner does not turn reads into writes. */
const LAST_USED_RESOLUTION_MS = 60_000;

export async function createApiKey(
  ctx: RequestContext,
  input: { name: string; scopes: string[]; expiresAt?: Date | null; costBucketSize?: number | null; costRestoreRate?: number | null },
): Promise<{ id: string; secret: string; apiKey: ApiKey }> {
  const owner = requireUser(ctx);
  const name = input.name.trim();
  if (!name || name.length > 200) throw new BadUserInputError('name must have 1 to 200 characters.', { field: 'name' });
  const scopes = parseScopes(input.scopes);
  if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) {
    throw new BadUserInputError('expiresAt must be in the future.', { field: 'expiresAt' });
  }
  const costLimit = parseCostLimit(input);
  // A key's limits are the operator's to give: a partner choosing its own would throttle nothing.
  if (costLimit.costBucketSize !== null && !hasRole(owner, 'admin')) {
    throw new ForbiddenError('Only an admin may give an API key its own query-cost limits.');
  }
  const generated = generateApiKeySecret();
  const apiKey = ctx.em.create(ApiKey, {
    name,
    scopes,
    prefix: generated.prefix,
    secretHash: generated.hash,
    ownerId: owner.userId,
    expiresAt: input.expiresAt ?? null,
    ...costLimit,
  });
  await ctx.em.flush();
  ctx.log.info({ apiKeyId: apiKey.id, prefix: apiKey.prefix, scopes }, 'api key created');
  return { id: apiKey.id, secret: generated.secret, apiKey };
}

/** Admins see every key; others see the keys they own. */
function visibleKeys(ctx: RequestContext): FilterQuery<ApiKey> {
  const caller = requireUser(ctx);
  return hasRole(caller, 'admin') ? {} : { ownerId: caller.userId };
}

/** The read path's twin of `visibleKeys`, on alias `t`. */
function visibleKeysSql(ctx: RequestContext): Sql | null {
  const caller = requireUser(ctx);
  return hasRole(caller, 'admin') ? null : sql`t.owner_id = ${caller.userId}`;
}

export type ApiKeyRow = Row<ApiKey>;

export async function listApiKeys(ctx: RequestContext, page: PageRequest, fields: readonly string[]): Promise<Connection<ApiKeyRow>> {
  return paginateRows<ApiKeyRow>({ db: ctx.db, entity: ApiKey, fields, where: [visibleKeysSql(ctx)], sort: { field: 'createdAt', direction: 'DESC' }, page });
}

export async function revokeApiKey(ctx: RequestContext, id: string): Promise<ApiKey> {
  const key = isUuid(id) ? await ctx.em.findOne(ApiKey, { $and: [{ id }, visibleKeys(ctx)] }) : null;
  if (!key) throw new NotFoundError('ApiKey', id);
  if (!key.revokedAt) {
    key.revokedAt = new Date();
    recordApiKeyRevoked(ctx.em, key, { at: key.revokedAt, byUserId: actingUserId(ctx) });
    await ctx.em.flush();
    ctx.log.info({ apiKeyId: id }, 'api key revoked');
  }
  return key;
}

type KeyWithOwner = Pick<ApiKey, 'id' | 'ownerId' | 'scopes' | 'secretHash' | 'revokedAt' | 'expiresAt' | 'lastUsedAt' | 'costBucketSize' | 'costRestoreRate'> & {
  ownerRoles: User['roles'];
  ownerDisabledAt: User['disabledAt'];
};

/**
 * Called by the router (never by clients): turns a presented secret into the caller it stands for, and says until
 * when the router may keep that answer at most. The router asks on every partner request it has not cached, so the
 * lookup takes the read path (one prepared statement for the key and its owner, no entity); only the occasional
 * `lastUsedAt` stamp goes through the ORM.
 */
export async function verifyApiKey(db: RowReader, em: () => EntityManager, secret: string, now = new Date()): Promise<ApiKeyVerification | null> {
  const prefix = prefixOf(secret);
  if (!prefix) return null;
  // The key and its owner in one statement (one round trip per check): the owner's columns aliased apart from the key's.
  const key = await db.first<KeyWithOwner>(
    sql`select ${db.columns(ApiKey, ['ownerId', 'scopes', 'secretHash', 'revokedAt', 'expiresAt', 'lastUsedAt', 'costBucketSize', 'costRestoreRate'])},
               ${db.column(User, 'roles', 'o')} as "ownerRoles", ${db.column(User, 'disabledAt', 'o')} as "ownerDisabledAt"
        from ${db.table(ApiKey)} join ${db.table(User, 'o')} on o.id = t.owner_id where t.prefix = ${prefix}`,
  );
  if (!key) return null;
  const expected = Buffer.from(key.secretHash, 'hex');
  if (!timingSafeEqual(Buffer.from(hashSecret(secret), 'hex'), expected)) return null;
  if (key.revokedAt || (key.expiresAt && key.expiresAt <= now)) return null;
  // A key never grants more than its owner holds now: the owner's roles travel with it, and a disabled owner's keys stop.
  if (key.ownerDisabledAt) return null;
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await em().nativeUpdate(ApiKey, { id: key.id }, { lastUsedAt: now });
  }
  return {
    caller: {
      kind: 'apiKey',
      apiKeyId: key.id,
      ownerId: key.ownerId,
      scopes: key.scopes,
      ownerRoles: key.ownerRoles,
      costLimit: key.costBucketSize !== null && key.costRestoreRate !== null ? { maximumAvailable: key.costBucketSize, restoreRate: key.costRestoreRate } : null,
    },
    expiresAt: key.expiresAt?.toISOString() ?? null,
  };
}
