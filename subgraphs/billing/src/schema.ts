import { buildFederatedSchema, requestedFields, type RequestContext } from '@erp/platform';
import type { GraphQLResolveInfo, GraphQLSchema } from 'graphql';
import { CreditNoteResolver, InvoiceLineResolver, PaymentResolver } from './modules/invoice/invoice-parts.resolver.js';
import { INVOICE_FIELD_NEEDS, invoiceLoader } from './modules/invoice/invoice-query.service.js';
import { InvoiceSubscriptionResolver } from './modules/invoice/invoice-subscription.resolver.js';
import { InvoiceResolver } from './modules/invoice/invoice.resolver.js';
import { CustomerRef, InvoiceType, OrderRef } from './modules/invoice/invoice.types.js';
import { CustomerBillingResolver } from './modules/references/customer-billing.resolver.js';
import { OrderInvoiceResolver } from './modules/references/order-invoice.resolver.js';
import { billingPolicy } from './policy.js';

export function buildBillingSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [InvoiceResolver, InvoiceSubscriptionResolver, InvoiceLineResolver, PaymentResolver, CreditNoteResolver, CustomerBillingResolver, OrderInvoiceResolver],
    orphanedTypes: [InvoiceType, CustomerRef, OrderRef],
    referenceResolvers: {
      Invoice: {
        __resolveReference: (ref: { id: string }, ctx: RequestContext, info: GraphQLResolveInfo) =>
          invoiceLoader(ctx, requestedFields(info, [], INVOICE_FIELD_NEEDS)).load(ref.id),
      },
      Customer: { __resolveReference: (ref: { id: string; currency?: string }) => ref },
      Order: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
    },
    policy: billingPolicy,
  });
}
