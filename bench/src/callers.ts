import { GraphClient, inParallel } from '@erp/app/seed';
import { callerFromClaims, type Caller } from '@erp/platform';
import { decodeJwt } from 'jose';

/** Who sends a benchmark request: a signed-in user (JWT) or a partner's API key, as real traffic has both. */
export interface BenchCaller {
  label: string;
  /** What the router puts on the request (for calling a subgraph directly, signed like the router does). */
  caller: Caller;
  headers: Record<string, string>;
  /** May create and place orders (orders:write, and reads of the customer and the products as itself). */
  canWrite: boolean;
}

export const READ_SCOPES = ['customers:read', 'orders:read', 'invoices:read', 'catalog:read'];
const WRITE_SCOPES = ['orders:write', 'customers:read', 'catalog:read'];
const ROLES = ['admin', 'manager', 'sales', 'accountant'] as const;
const WRITER_ROLES: readonly string[] = ['admin', 'manager', 'sales'];
const PASSWORD = 'bench-caller-password';

/**
 * `count` distinct callers, created through the graph by the admin: users registered and given one role each (admin,
 * manager, sales, accountant in turn) for three fifths of them, API keys for the rest, a quarter of which may write.
 */
export async function createCallers(admin: GraphClient, anonymous: GraphClient, count: number): Promise<BenchCaller[]> {
  const users = Math.ceil((count * 3) / 5);
  const keys = count - users;
  const callers: BenchCaller[] = [];
  await inParallel(Array.from({ length: users }, (_, i) => i), 4, async (i) => {
    const role = ROLES[i % ROLES.length]!;
    const email = `bench-${role}-${i}@bench.erp`;
    const { register } = await anonymous.request<{ register: { user: { id: string } } }>(
      'mutation($input: RegisterInput!) { register(input: $input) { user { id } } }',
      { input: { email, password: PASSWORD, displayName: `Bench ${role} ${i}` } },
    );
    await admin.request('mutation($id: ID!, $input: UpdateUserInput!) { updateUser(id: $id, input: $input) { id } }', {
      id: register.user.id,
      input: { roles: [role.toUpperCase()] },
    });
    const token = await anonymous.accessToken({ email, password: PASSWORD });
    const caller = callerFromClaims(decodeJwt(token) as never)!;
    callers.push({ label: `user:${role}:${i}`, caller, headers: { authorization: `Bearer ${token}` }, canWrite: WRITER_ROLES.includes(role) });
  });
  await inParallel(Array.from({ length: keys }, (_, i) => i), 4, async (i) => {
    const writes = i % 4 === 3;
    const scopes = writes ? WRITE_SCOPES : READ_SCOPES;
    const { createApiKey } = await admin.request<{ createApiKey: { id: string; secret: string; apiKey: { ownerId: string; scopes: string[] } } }>(
      'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { id secret apiKey { ownerId scopes } } }',
      { input: { name: `bench key ${i}`, scopes } },
    );
    callers.push({
      label: `apiKey:${writes ? 'write' : 'read'}:${i}`,
      caller: { kind: 'apiKey', apiKeyId: createApiKey.id, ownerId: createApiKey.apiKey.ownerId, scopes: createApiKey.apiKey.scopes },
      headers: { 'x-api-key': createApiKey.secret },
      canWrite: writes,
    });
  });
  // Completion order varies; sorted, client i gets the same caller in every run.
  return callers.sort((a, b) => a.label.localeCompare(b.label, 'en', { numeric: true }));
}

/** Callers who may read everything both queries select: the users, and the API keys with the read scopes. */
export function readers(callers: BenchCaller[]): BenchCaller[] {
  return callers.filter(({ caller }) => caller.kind === 'user' || (caller.kind === 'apiKey' && READ_SCOPES.every((scope) => caller.scopes.includes(scope))));
}

export function writers(callers: BenchCaller[]): BenchCaller[] {
  return callers.filter((c) => c.canWrite);
}
