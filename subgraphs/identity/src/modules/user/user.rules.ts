import { BadUserInputError, isRole, type Role } from '@erp/platform';

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;

/** Staff roles are granted by an admin; self-registration never gets one. */
export const SELF_REGISTERED_ROLES: Role[] = ['customer'];

export function assertPassword(password: string, field = 'password'): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new BadUserInputError(`${field} must have at least ${MIN_PASSWORD_LENGTH} characters.`, { field });
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    throw new BadUserInputError(`${field} must have at most ${MAX_PASSWORD_LENGTH} characters.`, { field });
  }
}

export function parseRoles(roles: readonly string[], field = 'roles'): Role[] {
  const unknown = roles.filter((role) => !isRole(role));
  if (unknown.length > 0) throw new BadUserInputError(`Unknown role(s): ${unknown.join(', ')}.`, { field });
  return [...new Set(roles as Role[])];
}

export function cleanDisplayName(name: string | null | undefined): string | null {
  if (name === null || name === undefined) return null;
  const trimmed = name.trim();
  if (trimmed.length > 200) throw new BadUserInputError('displayName must have at most 200 characters.', { field: 'displayName' });
  return trimmed || null;
}
