import { customerCreated } from '@erp/contracts';
import { recordEvent, type EntityManager } from '@erp/platform';
import type { Customer } from './customer.entity.js';

/** Recorded in the transaction that creates the customer; `leadId` when it comes from converting a lead. */
export function recordCustomerCreated(em: EntityManager, customer: Customer, by: { byUserId: string | null; leadId?: string }): void {
  recordEvent(em, customerCreated, customer.id, {
    customerId: customer.id,
    name: customer.name,
    kind: customer.kind,
    email: customer.email,
    currency: customer.currency,
    tags: customer.tags,
    leadId: by.leadId ?? null,
    at: customer.createdAt.toISOString(),
    byUserId: by.byUserId,
  });
}
