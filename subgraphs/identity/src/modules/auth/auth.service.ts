import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import {
  ACCESS_TOKEN_AUDIENCE,
  ACCESS_TOKEN_ISSUER,
  ACCESS_TOKEN_TTL_SECONDS,
  BadUserInputError,
  ConflictError,
  normalizeEmail,
  UnauthenticatedError,
  type EntityManager,
} from '@erp/platform';
import type { IdentityContext } from '../../context.js';
import { User } from '../user/user.entity.js';
import { recordUserRegistered } from '../user/user.events.js';
import { assertPassword, cleanDisplayName, SELF_REGISTERED_ROLES } from '../user/user.rules.js';
import { SIGNING_ALGORITHM } from '../signing-key/signing-key.service.js';
import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from './password.js';
import { RefreshToken } from './refresh-token.entity.js';
import { revokeSessions } from './revoke-sessions.js';

export const REFRESH_TOKEN_TTL_DAYS = 30;

export interface Session {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  user: User;
}

const INVALID_LOGIN = 'Email or password is incorrect.';

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function signAccessToken(ctx: IdentityContext, user: User, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  const key = await ctx.signingKeys.activeKey(now);
  const issuedAt = Math.floor(now.getTime() / 1000);
  const token = await new SignJWT({ roles: user.roles, cid: user.customerId, eid: user.employeeId })
    .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid: key.kid, typ: 'JWT' })
    .setSubject(user.id)
    .setIssuer(ACCESS_TOKEN_ISSUER)
    .setAudience(ACCESS_TOKEN_AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ACCESS_TOKEN_TTL_SECONDS)
    .setJti(randomUUID())
    .sign(key.privateKey);
  return { token, expiresAt: new Date((issuedAt + ACCESS_TOKEN_TTL_SECONDS) * 1000) };
}

/** Issues an access token and a refresh token; a new login starts a new rotation family. */
async function openSession(ctx: IdentityContext, em: EntityManager, user: User, familyId: string = randomUUID()): Promise<Session> {
  const refreshToken = `rt_${randomBytes(32).toString('base64url')}`;
  em.create(RefreshToken, {
    userId: user.id,
    familyId,
    tokenHash: hashToken(refreshToken),
    expiresAt: new Date(Date.now() + REFRESH_TOKEN_TTL_DAYS * 86_400_000),
  });
  await em.flush();
  const access = await signAccessToken(ctx, user);
  return { accessToken: access.token, accessTokenExpiresAt: access.expiresAt, refreshToken, user };
}

/** Refused registrations (an email taken, a weak password) count against the client's address (`LoginThrottle`). */
export function register(ctx: IdentityContext, input: { email: string; password: string; displayName?: string | null }): Promise<Session> {
  return ctx.loginThrottle.register(ctx.clientAddress, () => registerUser(ctx, input));
}

async function registerUser(ctx: IdentityContext, input: { email: string; password: string; displayName?: string | null }): Promise<Session> {
  const email = normalizeEmail(input.email);
  assertPassword(input.password);
  const displayName = cleanDisplayName(input.displayName);
  if (await ctx.em.count(User, { email })) throw new ConflictError(`A user with email ${email} already exists.`, { field: 'email' });
  const user = ctx.em.create(User, { email, displayName, passwordHash: await hashPassword(input.password), roles: [...SELF_REGISTERED_ROLES] });
  recordUserRegistered(ctx.em, user);
  // One flush writes the user, their first session and the event.
  return openSession(ctx, ctx.em, user);
}

/** Failed logins slow the next ones for the account and for the client's address (`LoginThrottle`). */
export function login(ctx: IdentityContext, emailInput: string, password: string): Promise<Session> {
  const email = emailInput.trim().toLowerCase();
  return ctx.loginThrottle.login(email, ctx.clientAddress, () => checkPassword(ctx, email, password));
}

async function checkPassword(ctx: IdentityContext, email: string, password: string): Promise<Session> {
  const user = await ctx.em.findOne(User, { email });
  const valid = await verifyPassword(password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
  if (!user || !valid) throw new UnauthenticatedError(INVALID_LOGIN);
  if (user.disabledAt) throw new UnauthenticatedError('This account is disabled.');
  // A plain update: concurrent logins must not trip the optimistic lock meant for edits of the user.
  await ctx.em.nativeUpdate(User, { id: user.id }, { lastLoginAt: new Date() });
  ctx.log.info({ userId: user.id }, 'user logged in');
  return openSession(ctx, ctx.em, user);
}

/**
 * Rotation with reuse detection: a refresh token is exchanged once. Presenting a used or revoked token means it was
 * copied, so every token of its family is revoked and the holder must log in again.
 */
export async function refresh(ctx: IdentityContext, token: string): Promise<Session> {
  if (!token.startsWith('rt_')) throw new BadUserInputError('token is not a refresh token.', { field: 'token' });
  const em = ctx.em;
  const stored = await em.findOne(RefreshToken, { tokenHash: hashToken(token) });
  if (!stored) throw new UnauthenticatedError('Refresh token is not valid.');
  const now = new Date();
  // The conditional update makes concurrent exchanges of one token race safely: exactly one of them wins.
  const claimed = await em.nativeUpdate(RefreshToken, { id: stored.id, usedAt: null, revokedAt: null, expiresAt: { $gt: now } }, { usedAt: now });
  if (claimed === 0) {
    const merelyExpired = stored.expiresAt <= now && !stored.usedAt && !stored.revokedAt;
    if (merelyExpired) throw new UnauthenticatedError('Refresh token has expired; log in again.');
    await revokeSessions(em, { familyId: stored.familyId }, now);
    await em.flush();
    ctx.log.warn({ userId: stored.userId, familyId: stored.familyId }, 'refresh token reused: family revoked');
    throw new UnauthenticatedError('Refresh token was already used; every session of this login is revoked. Log in again.');
  }
  const user = await em.findOne(User, { id: stored.userId });
  if (!user || user.disabledAt) throw new UnauthenticatedError('This account is disabled.');
  return openSession(ctx, em, user, stored.familyId);
}

/** Revokes the family of the given refresh token, or every session of the signed-in user when none is given. */
export async function logout(ctx: IdentityContext, token: string | null | undefined): Promise<boolean> {
  const now = new Date();
  if (token) {
    const stored = await ctx.em.findOne(RefreshToken, { tokenHash: hashToken(token) });
    if (!stored) return false;
    await revokeSessions(ctx.em, { familyId: stored.familyId }, now);
    await ctx.em.flush();
    return true;
  }
  if (ctx.caller?.kind !== 'user') throw new UnauthenticatedError('Give the refresh token to end, or sign in to end all sessions.');
  await revokeSessions(ctx.em, { userId: ctx.caller.userId }, now);
  await ctx.em.flush();
  return true;
}
