import { OutboxEvent, type SubgraphDefinition } from '@erp/platform';
import { crmMigrations } from './migrations/index.js';
import { Activity } from './modules/activity/activity.entity.js';
import { Contact } from './modules/contact/contact.entity.js';
import { Customer } from './modules/customer/customer.entity.js';
import { Lead } from './modules/lead/lead.entity.js';
import { buildCrmSchema } from './schema.js';
import { crmPolicy } from './policy.js';

export const CRM_PORT = 4002;

export const crmSubgraph: SubgraphDefinition = {
  name: 'crm',
  defaultPort: CRM_PORT,
  entities: [Customer, Contact, Lead, Activity, OutboxEvent],
  migrations: crmMigrations,
  policy: crmPolicy,
  buildSchema: buildCrmSchema,
};
