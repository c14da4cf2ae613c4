import 'reflect-metadata';
import { Authorized, Ctx, Field, ObjectType, Query, Resolver } from 'type-graphql';
import { describe, expect, it } from 'vitest';
import type { RequestContext } from '../context.js';
import { buildFederatedSchema } from './federated-schema.js';

// Decorators applied by hand: the unit tests run untranspiled decorators nowhere.
class VaultType {
  label!: string;
  secret!: string;
}
Field(() => String)(VaultType.prototype, 'label');
Field(() => String)(VaultType.prototype, 'secret');
Authorized('vault:read')(VaultType.prototype, 'secret');
ObjectType('Vault')(VaultType);

class VaultResolver {
  vault(_ctx: RequestContext): VaultType {
    return { label: 'main', secret: 's3cret' };
  }
}
Ctx()(VaultResolver.prototype, 'vault', 0);
Query(() => VaultType)(VaultResolver.prototype, 'vault', Object.getOwnPropertyDescriptor(VaultResolver.prototype, 'vault')!);
Resolver(() => VaultType)(VaultResolver);

describe('buildFederatedSchema', () => {
  it('reads plain fields with the default resolver and keeps the check on guarded ones', async () => {
    const schema = await buildFederatedSchema({ resolvers: [VaultResolver], policy: { 'vault:read': ['admin'] } as never });
    const { fields } = (schema.getType('Vault') as unknown as { toConfig(): { fields: Record<string, { resolve?: Function }> } }).toConfig();
    expect(fields.label!.resolve).toBeUndefined();
    const secret = fields.secret!.resolve!;
    const as = (roles: string[]) => ({ caller: { kind: 'user', userId: 'u', roles, customerId: null } });
    const vault = { label: 'main', secret: 's3cret' };
    await expect(Promise.resolve().then(() => secret(vault, {}, as(['sales']), {}))).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    expect(await secret(vault, {}, as(['admin']), {})).toBe('s3cret');
  });
});
