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
  /** The user who created the key; the key never grants more than that user has. */
  ownerId: string;
  scopes: string[];
  /**
   * The owner's roles when identity checked the key: a permission needs both a scope of the key and a role of its
   * owner that the policy grants it to. Absent only in contexts signed before owners' roles travelled with keys.
   */
  ownerRoles?: Role[];
  /** The key's own query-cost bucket (points, and points restored a second), when it has one; else the router's default. */
  costLimit?: { maximumAvailable: number; restoreRate: number } | null;
}

/**
 * A subgraph's own background work (an event consumer, a scheduled job) acting as itself: it holds the scopes its
 * subgraph declares, and policies may grant a permission to it by name (`service:<name>`).
 */
export interface ServiceCaller {
  kind: 'service';
  /** The subgraph whose job this is, e.g. `notifications`. */
  name: string;
  scopes: string[];
}

/** The router itself, for internal calls such as verifying an API key. */
export interface RouterCaller {
  kind: 'router';
}

export type Caller = UserCaller | ApiKeyCaller | ServiceCaller | RouterCaller;

export function serviceCaller(name: string, scopes: readonly string[] = []): ServiceCaller {
  return { kind: 'service', name, scopes: [...scopes] };
}

/** How logs and audit fields name a caller: `user:<id>`, `apiKey:<id>`, `service:<name>`, `router`. */
export function describeCaller(caller: Caller | null): string {
  if (!caller) return 'anonymous';
  switch (caller.kind) {
    case 'user':
      return `user:${caller.userId}`;
    case 'apiKey':
      return `apiKey:${caller.apiKeyId}`;
    case 'service':
      return `service:${caller.name}`;
    case 'router':
      return 'router';
  }
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
