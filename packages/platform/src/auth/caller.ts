/** Who is calling, as the router established it and signed it for the subgraphs. */
export const ROLES = ['admin', 'manager', 'sales', 'accountant', 'warehouse', 'hr', 'employee', 'customer'] as const;
export type Role = (typeof ROLES)[number];

export interface UserCaller {
  kind: 'user';
  userId: string;
  roles: Role[];
  /** Set when the user is a customer-portal user: they see only this customer's data. */
  customerId?: string | null;
  employeeId?: string | null;
}

export interface ApiKeyCaller {
  kind: 'apiKey';
  apiKeyId: string;
  /** The user who created the key; the key never grants more than that user had. */
  ownerId: string;
  scopes: string[];
}

/** The router itself, for internal calls such as verifying an API key. */
export interface RouterCaller {
  kind: 'router';
}

export type Caller = UserCaller | ApiKeyCaller | RouterCaller;

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
