import { requestedFields, type RequestContext } from '@erp/platform';
import type { GraphQLResolveInfo } from 'graphql';
import { customerLoader, CUSTOMER_FIELD_NEEDS, type CustomerRow } from './customer.service.js';

export const customerReference = {
  __resolveReference(reference: { id: string }, ctx: RequestContext, info: GraphQLResolveInfo): Promise<CustomerRow | null> {
    return customerLoader(ctx, requestedFields(info, [], CUSTOMER_FIELD_NEEDS)).load(reference.id);
  },
};
