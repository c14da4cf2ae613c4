import type { PermissionPolicy } from '@erp/platform';

export const notificationsPolicy: PermissionPolicy = {
  // Every signed-in user also reads their own IN_APP notifications; this permission is for reading everyone's.
  'notifications:read': ['admin', 'manager'],
  'notifications:write': ['admin', 'manager'],
  'notification-templates:read': ['admin', 'manager'],
  'notification-templates:write': ['admin', 'manager'],
  // Failed jobs carry other domains' event ids and error texts: for the people who operate the platform.
  'jobs:read': ['admin'],
};
