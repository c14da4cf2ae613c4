import { buildFederatedSchema } from '@erp/platform';
import type { GraphQLSchema } from 'graphql';
import { ActivityResolver } from './modules/activity/activity.resolver.js';
import { ContactResolver } from './modules/contact/contact.resolver.js';
import { customerReference } from './modules/customer/customer.reference.js';
import { CustomerResolver } from './modules/customer/customer.resolver.js';
import { CustomerType } from './modules/customer/customer.types.js';
import { LeadResolver } from './modules/lead/lead.resolver.js';
import { crmPolicy } from './policy.js';

export function buildCrmSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [CustomerResolver, ContactResolver, LeadResolver, ActivityResolver],
    orphanedTypes: [CustomerType],
    referenceResolvers: { Customer: customerReference },
    policy: crmPolicy,
  });
}
