import { normalizeEmail, type EntityManager, type Logger } from '@erp/platform';
import { hashPassword } from '../auth/password.js';
import { User } from './user.entity.js';
import { assertPassword } from './user.rules.js';

/**
 * Makes sure the configured admin exists (ADMIN_EMAIL / ADMIN_PASSWORD). An existing user of that email is
 * given the admin role; its password is left as it is, so a restart never resets a changed password.
 */
export async function ensureAdmin(em: EntityManager, log: Logger, admin: { email: string; password: string }): Promise<User> {
  const email = normalizeEmail(admin.email, 'ADMIN_EMAIL');
  const existing = await em.findOne(User, { email });
  if (existing) {
    if (!existing.roles.includes('admin')) {
      existing.roles = [...existing.roles, 'admin'];
      await em.flush();
      log.info({ email }, 'granted admin role to the configured admin');
    }
    return existing;
  }
  assertPassword(admin.password, 'ADMIN_PASSWORD');
  const user = em.create(User, { email, displayName: 'Administrator', passwordHash: await hashPassword(admin.password), roles: ['admin'] });
  await em.flush();
  log.info({ email }, 'created the configured admin');
  return user;
}
