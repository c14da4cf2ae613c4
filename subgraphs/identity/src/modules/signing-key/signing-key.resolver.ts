import { Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { IdentityContext } from '../../context.js';

@Resolver()
export class SigningKeyResolver {
  @Authorized('signing-keys:write')
  @Mutation(() => String, { description: 'Starts signing with a new key now (e.g. after a suspected leak); returns its kid.' })
  async rotateSigningKey(@Ctx() ctx: IdentityContext): Promise<string> {
    const key = await ctx.signingKeys.rotate(ctx.em);
    return key.kid;
  }
}
