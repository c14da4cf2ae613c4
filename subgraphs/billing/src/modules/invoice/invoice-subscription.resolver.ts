import { Arg, Authorized, Ctx, ID, Resolver, Root, Subscription } from 'type-graphql';
import { assertUuid, canSeeCustomer, eventsFor, type DomainEvent, type RequestContext } from '@erp/platform';
import { billingPolicy } from '../../policy.js';
import type { Invoice } from './invoice.entity.js';
import type { InvoiceStatus } from './invoice.rules.js';
import { getInvoice } from './invoice-query.service.js';
import { InvoiceType } from './invoice.types.js';

interface InvoiceEventPayload {
  customerId: string;
  to: InvoiceStatus;
}

@Resolver()
export class InvoiceSubscriptionResolver {
  @Authorized('invoices:read')
  @Subscription(() => InvoiceType, {
    description: 'Every status change of invoices the caller may see (drafted, issued, paid, overdue, void), or of one customer’s.',
    subscribe: ({ args, context }) => {
      const ctx = context as RequestContext;
      const customerId = args.customerId ? assertUuid(args.customerId as string, 'customerId') : null;
      return eventsFor(ctx, ['invoice.status_changed'], (event) => {
        const payload = event.payload as unknown as InvoiceEventPayload;
        return (!customerId || payload.customerId === customerId) && canSeeCustomer(ctx.caller, 'invoices:read', billingPolicy, payload.customerId);
      });
    },
  })
  async invoiceStatusChanged(@Root() event: DomainEvent, @Arg('customerId', () => ID, { nullable: true }) _customerId: string | null, @Ctx() ctx: RequestContext): Promise<Invoice> {
    const invoice = await getInvoice(ctx, event.aggregateId);
    // The status this event announced, even if a later step has already followed.
    invoice.status = (event.payload as unknown as InvoiceEventPayload).to;
    return invoice;
  }
}
