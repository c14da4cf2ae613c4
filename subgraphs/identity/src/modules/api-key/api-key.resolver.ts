import { Arg, Args, Authorized, Ctx, ID, Info, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { PageArgs, requestedFields, type RequestContext } from '@erp/platform';
import { createApiKey, listApiKeys, revokeApiKey } from './api-key.service.js';
import { ApiKeyConnection, ApiKeyType, CreateApiKeyInput, CreatedApiKey } from './api-key.types.js';

@Resolver(() => ApiKeyType)
export class ApiKeyResolver {
  @Authorized('apikeys:read')
  @Query(() => ApiKeyConnection, { description: 'Your API keys (every key, for admins).' })
  apiKeys(@Args(() => PageArgs) page: PageArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return listApiKeys(ctx, page, requestedFields(info, ['edges', 'node']));
  }

  @Authorized('apikeys:write')
  @Mutation(() => CreatedApiKey)
  createApiKey(@Arg('input', () => CreateApiKeyInput) input: CreateApiKeyInput, @Ctx() ctx: RequestContext) {
    return createApiKey(ctx, input);
  }

  @Authorized('apikeys:write')
  @Mutation(() => ApiKeyType)
  revokeApiKey(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return revokeApiKey(ctx, id);
  }
}
