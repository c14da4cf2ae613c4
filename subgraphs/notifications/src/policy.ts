import type { PermissionPolicy } from '@erp/platform';

export const notificationsPolicy: PermissionPolicy = {
  // Every signed-in user also reads their own IN_APP notifications; this permission is for reading everyone's.
  'notifications:read': ['admin', 'manager'],
  'notifications:write': ['admin', 'manager'],
  'notification-templates:read': ['admin', 'manager'],
  'notification-templates:write': ['admin', 'manager'],
  // Failed jobs carry other domains' event ids and error texts: for the people who operate the platform.
  'jobs:read': ['admin'],
  // Partner webhooks and the event feed: staff admins, and API keys given these scopes.
  'webhooks:read': ['admin'],
  'webhooks:write': ['admin'],
  // Which partner events a caller may receive (partner-event-types.ts). The feed and webhooks carry every customer's
  // orders and invoices, so among users only admins; API keys by these scopes.
  'orders:read': ['admin'],
  'invoices:read': ['admin'],
  'customers:read': ['admin'],
  'catalog:read': ['admin'],
};
