import { buildFederatedSchema } from '@erp/platform';
import type { GraphQLSchema } from 'graphql';
import { ApiKeyResolver } from './modules/api-key/api-key.resolver.js';
import { AuditLogResolver } from './modules/audit/audit-log.resolver.js';
import { SigningKeyResolver } from './modules/signing-key/signing-key.resolver.js';
import { userReference } from './modules/user/user.reference.js';
import { UserResolver } from './modules/user/user.resolver.js';
import { UserType } from './modules/user/user.types.js';
import { identityPolicy } from './policy.js';

export function buildIdentitySchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [UserResolver, ApiKeyResolver, SigningKeyResolver, AuditLogResolver],
    orphanedTypes: [UserType],
    referenceResolvers: { User: userReference },
    policy: identityPolicy,
  });
}
