import { defineEvent, type Role } from '@erp/platform';

/** Someone signed up (self-registration; users made by an admin's configuration are not registrations). */
export interface UserRegistered {
  userId: string;
  email: string;
  displayName: string | null;
  roles: Role[];
  at: string;
}

export interface ApiKeyRevoked {
  apiKeyId: string;
  name: string;
  /** The public part of the key, as partners see it in their configuration. */
  prefix: string;
  ownerId: string;
  scopes: string[];
  at: string;
  byUserId: string | null;
}

export const userRegistered = defineEvent<UserRegistered>('user.registered');
export const apiKeyRevoked = defineEvent<ApiKeyRevoked>('apikey.revoked');
