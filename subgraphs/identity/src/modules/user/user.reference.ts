import { requestedFields, type RequestContext } from '@erp/platform';
import type { GraphQLResolveInfo } from 'graphql';
import { userLoader, type UserRow } from './user.service.js';

export const userReference = {
  __resolveReference(reference: { id: string }, ctx: RequestContext, info: GraphQLResolveInfo): Promise<UserRow | null> {
    return userLoader(ctx, requestedFields(info)).load(reference.id);
  },
};
