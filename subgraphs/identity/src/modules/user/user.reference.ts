import { alignByKey, type RequestContext } from '@erp/platform';
import type { User } from './user.entity.js';
import { loadUsersByIds } from './user.service.js';

export const userReference = {
  __resolveReference(reference: { id: string }, ctx: RequestContext): Promise<User | null> {
    return ctx.loaders
      .get<string, User | null>('User.byId', async (ids) => alignByKey(ids, await loadUsersByIds(ctx, ids), (user) => user.id))
      .load(reference.id);
  },
};
