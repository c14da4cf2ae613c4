import { OutboxEvent, ProcessedEvent, type SubgraphDefinition } from '@erp/platform';
import { auditRecordsConsumer } from './jobs/audit-records.consumer.js';
import { AuditEntry } from './modules/audit/audit-entry.entity.js';
import { identityServices } from './context.js';
import type { LoginThrottleSettings } from './modules/auth/login-throttle.js';
import { identityMigrations } from './migrations/index.js';
import { ApiKey } from './modules/api-key/api-key.entity.js';
import { RefreshToken } from './modules/auth/refresh-token.entity.js';
import { SigningKey } from './modules/signing-key/signing-key.entity.js';
import { ensureAdmin } from './modules/user/ensure-admin.js';
import { User } from './modules/user/user.entity.js';
import { identityRoutes } from './routes.js';
import { identityPolicy } from './policy.js';
import { buildIdentitySchema } from './schema.js';

export interface IdentityOptions {
  /** From ADMIN_EMAIL / ADMIN_PASSWORD: this admin exists after start. */
  admin?: { email: string; password: string } | null;
  /** How failed logins slow the next ones (default `DEFAULT_LOGIN_THROTTLE`; LOGIN_MAX_FAILURES_PER_ACCOUNT/ADDRESS). */
  throttle?: LoginThrottleSettings;
}

export const IDENTITY_PORT = 4001;

export function createIdentitySubgraph(options: IdentityOptions = {}): SubgraphDefinition {
  return {
    name: 'identity',
    defaultPort: IDENTITY_PORT,
    entities: [User, RefreshToken, ApiKey, SigningKey, AuditEntry, OutboxEvent, ProcessedEvent],
    migrations: identityMigrations,
    policy: identityPolicy,
    buildSchema: buildIdentitySchema,
    async start(env) {
      const services = identityServices(env, options.throttle);
      await services.signingKeys.activeKey();
      if (options.admin) await ensureAdmin(env.orm.em.fork(), env.log, options.admin);
      return { context: { ...services }, routes: identityRoutes(env, services.signingKeys), consumers: [auditRecordsConsumer(env)] };
    },
  };
}

export function adminFromEnvironment(env: NodeJS.ProcessEnv = process.env): IdentityOptions['admin'] {
  return env.ADMIN_EMAIL && env.ADMIN_PASSWORD ? { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD } : null;
}
