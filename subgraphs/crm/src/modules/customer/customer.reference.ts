import type { RequestContext } from '@erp/platform';
import type { Customer } from './customer.entity.js';
import { customerLoader } from './customer.service.js';

export const customerReference = {
  __resolveReference(reference: { id: string }, ctx: RequestContext): Promise<Customer | null> {
    return customerLoader(ctx).load(reference.id);
  },
};
