import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signContext, type Role } from '@erp/platform';
import { errorCodes } from '../support/client.js';
import { TEST_ROUTER_SECRET } from '../support/constants.js';
import { useTestPlatform } from '../support/platform.js';
import { DisableUserDocument, LoginDocument, MeDocument, UpdateUserDocument, UserDocument, UsersDocument } from '../generated/graphql.js';

const t = useTestPlatform();

describe('user administration', () => {
  it('lets an admin grant roles, and a stale expectedVersion conflicts without changing anything', async () => {
    const user = await t.userWith(['sales']);
    const me = (await user.client.data(MeDocument, {})).me;
    expect(me.roles).toEqual(['SALES']);
    const updated = await t.admin.data(UpdateUserDocument, { id: user.id, input: { roles: ['SALES', 'MANAGER'], expectedVersion: me.version } });
    expect(updated.updateUser.roles).toEqual(['SALES', 'MANAGER']);
    const stale = await t.admin.send(UpdateUserDocument, { id: user.id, input: { roles: ['ADMIN'], expectedVersion: me.version } });
    expect(errorCodes(stale)).toEqual(['CONFLICT']);
    const fresh = await t.anonymous.data(LoginDocument, { email: user.email, password: user.password });
    expect(fresh.login.user.roles).toEqual(['SALES', 'MANAGER']);
  });

  it('forbids users without users:write to grant roles', async () => {
    const user = await t.userWith(['sales']);
    const attempt = await user.client.send(UpdateUserDocument, { id: user.id, input: { roles: ['ADMIN'] } });
    expect(errorCodes(attempt)).toEqual(['FORBIDDEN']);
    expect(errorCodes(await user.client.send(UsersDocument, {}))).toEqual(['FORBIDDEN']);
  });

  it('answers NOT_FOUND for an unknown user and BAD_USER_INPUT for a bad link', async () => {
    expect(errorCodes(await t.admin.send(UpdateUserDocument, { id: '00000000-0000-4000-8000-000000000000', input: {} }))).toEqual(['NOT_FOUND']);
    const user = await t.userWith(['customer']);
    expect(errorCodes(await t.admin.send(UpdateUserDocument, { id: user.id, input: { customerId: 'nope' } }))).toEqual(['BAD_USER_INPUT']);
  });

  it('disables a user: no more login', async () => {
    const user = await t.userWith(['sales']);
    await t.admin.data(DisableUserDocument, { id: user.id });
    const login = await t.anonymous.send(LoginDocument, { email: user.email, password: user.password });
    expect(errorCodes(login)).toEqual(['UNAUTHENTICATED']);
  });

  it('pages users with cursors and refuses first: 1000 and a malformed cursor', async () => {
    await Promise.all([1, 2, 3].map(() => t.userWith(['employee'])));
    const first = await t.admin.data(UsersDocument, { first: 2 });
    expect(first.users.edges).toHaveLength(2);
    expect(first.users.pageInfo.hasNextPage).toBe(true);
    const second = await t.admin.data(UsersDocument, { first: 2, after: first.users.pageInfo.endCursor });
    const ids = new Set([...first.users.edges, ...second.users.edges].map((edge) => edge.node.id));
    expect(ids.size).toBe(4);
    expect(second.users.totalCount).toBe(first.users.totalCount);

    const tooMany = await t.admin.send(UsersDocument, { first: 1000 });
    expect(errorCodes(tooMany)).toEqual(['BAD_USER_INPUT']);
    expect(tooMany.errors?.[0]?.message).toMatch(/between 1 and 100/);
    expect(errorCodes(await t.admin.send(UsersDocument, { first: 2, after: 'garbage' }))).toEqual(['BAD_USER_INPUT']);
  });

  it('filters users by name or email, role and disabled, oldest first', async () => {
    const run = randomUUID().slice(0, 8);
    const named = async (name: string, roles: Role[]) => {
      const user = await t.userWith(roles);
      await t.admin.data(UpdateUserDocument, { id: user.id, input: { displayName: `${name} ${run}` } });
      return user.id;
    };
    const ids = [await named('Ann', ['sales']), await named('Ben', ['hr']), await named('Cat', ['sales', 'hr'])];
    await t.admin.data(DisableUserDocument, { id: ids[0]! });
    const listed = async (filter: Record<string, unknown>) => (await t.admin.data(UsersDocument, { first: 100, filter: { search: run, ...filter } })).users;

    const all = await listed({});
    expect(all.totalCount).toBe(3);
    expect(all.edges.map((e) => e.node.id)).toEqual(ids);
    expect((await listed({ role: 'HR' })).edges.map((e) => e.node.id)).toEqual([ids[1], ids[2]]);
    const disabled = await listed({ disabled: true });
    expect(disabled.edges.map((e) => e.node.id)).toEqual([ids[0]]);
    expect(disabled.edges[0]!.node.disabledAt).not.toBeNull();
    expect((await listed({ disabled: false, role: 'SALES' })).edges.map((e) => e.node.id)).toEqual([ids[2]]);
    expect((await listed({ search: `ben ${run}` })).edges.map((e) => e.node.id)).toEqual([ids[1]]);
  });

  it('reads one user by id for users:read, as the user reads itself', async () => {
    const user = await t.userWith(['sales']);
    const me = (await user.client.data(MeDocument, {})).me;
    const manager = (await t.userWith(['manager'])).client;
    const read = (await manager.data(UserDocument, { id: user.id })).user;
    expect(read).toMatchObject({ id: user.id, email: user.email, roles: ['SALES'], customerId: null, employeeId: null, disabledAt: null, version: me.version });
    expect(read.lastLoginAt).not.toBeNull();
    expect(Date.parse(read.createdAt)).toBeLessThanOrEqual(Date.parse(read.updatedAt));

    expect(errorCodes(await manager.send(UserDocument, { id: randomUUID() }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await manager.send(UserDocument, { id: 'nope' }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await user.client.send(UserDocument, { id: user.id }))).toEqual(['FORBIDDEN']);
  });

  it('resolves many User references in one statement', async () => {
    const users = await Promise.all([1, 2, 3].map(() => t.userWith(['employee'])));
    const caller = { kind: 'user' as const, userId: randomUUID(), roles: ['admin' as const] };
    const requestId = `entities-${randomUUID()}`;
    const unknown = randomUUID();
    const body = {
      query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id email roles } } }',
      variables: { r: [...users.map((u) => ({ __typename: 'User', id: u.id })), { __typename: 'User', id: unknown }] },
    };
    const { result, statements } = await t.countStatements(async () => {
      const response = await fetch(`${t.platform.subgraphs.identity!.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': requestId, 'x-erp-context': signContext({ caller, requestId }, TEST_ROUTER_SECRET) },
        body: JSON.stringify(body),
      });
      return (await response.json()) as { data: { _entities: ({ id: string; email: string; roles: string[] } | null)[] } };
    });
    expect(result.data._entities).toEqual([...users.map((u) => ({ id: u.id, email: u.email, roles: ['EMPLOYEE'] })), null]);
    expect(statements).toBe(1);
  });
});
