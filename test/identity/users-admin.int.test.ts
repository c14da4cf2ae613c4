import { describe, expect, it } from 'vitest';
import { errorCodes } from '../support/client.js';
import { useTestPlatform } from '../support/platform.js';
import { DisableUserDocument, LoginDocument, MeDocument, UpdateUserDocument, UsersDocument } from '../generated/graphql.js';

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
});
