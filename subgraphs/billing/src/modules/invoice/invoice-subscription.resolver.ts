import { Arg, Authorized, Ctx, ID, Resolver, Root, Subscription } from 'type-graphql';
import { invoiceStatusChanged, type InvoiceStatusChanged } from '@erp/contracts';
import { assertUuid, canSeeCustomer, eventsFor, type DomainEvent, type RequestContext } from '@erp/platform';
import { billingPolicy } from '../../policy.js';
import type { Invoice } from './invoice.entity.js';
import { getInvoice } from './invoice-query.service.js';
import { InvoiceType } from './invoice.types.js';

@Resolver()
export class InvoiceSubscriptionResolver {
  @Authorized('invoices:read')
  @Subscription(() => InvoiceType, {
    description: 'Every status change of invoices the caller may see (drafted, issued, paid, overdue, void), or of one customer’s.',
    subscribe: ({ args, context }) => {
      const ctx = context as RequestContext;
      const customerId = args.customerId ? assertUuid(args.customerId as string, 'customerId') : null;
      return eventsFor(
        ctx,
        [invoiceStatusChanged],
        ({ payload }) => (!customerId || payload.customerId === customerId) && canSeeCustomer(ctx.caller, 'invoices:read', billingPolicy, payload.customerId),
      );
    },
  })
  async invoiceStatusChanged(@Root() event: DomainEvent<InvoiceStatusChanged>, @Arg('customerId', () => ID, { nullable: true }) _customerId: string | null, @Ctx() ctx: RequestContext): Promise<Invoice> {
    const invoice = await getInvoice(ctx, event.aggregateId);
    // The status this event announced, even if a later step has already followed.
    invoice.status = event.payload.to;
    return invoice;
  }
}
