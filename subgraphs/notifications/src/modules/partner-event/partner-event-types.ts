import {
  customerCreated,
  invoiceIssued,
  invoiceOverdue,
  invoicePaid,
  invoiceStatusChanged,
  orderCancelled,
  orderPlaced,
  orderStatusChanged,
  paymentReceived,
  productCreated,
  productPriceChanged,
} from '@erp/contracts';
import { BadUserInputError, decideAccess, ForbiddenError, type Caller, type EventContract, type Permission } from '@erp/platform';
import { notificationsPolicy } from '../../policy.js';

/** A domain event partners may receive (webhooks) and read (the feed), and the scope it takes to see it. */
export interface PartnerEventType {
  contract: EventContract<object>;
  permission: Permission;
  description: string;
}

/**
 * The partner-visible events: the other subgraphs' events as their contracts define them (the payload is the
 * webhook's `data`). Adding one here is all it takes to offer it.
 */
export const PARTNER_EVENT_TYPES: readonly PartnerEventType[] = [
  { contract: orderPlaced, permission: 'orders:read', description: 'An order was placed.' },
  { contract: orderStatusChanged, permission: 'orders:read', description: 'An order moved to another status (every transition).' },
  { contract: orderCancelled, permission: 'orders:read', description: 'An order was cancelled.' },
  { contract: invoiceStatusChanged, permission: 'invoices:read', description: 'An invoice moved to another status (drafting included).' },
  { contract: invoiceIssued, permission: 'invoices:read', description: 'An invoice was issued and got its number.' },
  { contract: invoicePaid, permission: 'invoices:read', description: 'An invoice was paid in full.' },
  { contract: invoiceOverdue, permission: 'invoices:read', description: 'An invoice passed its due date unpaid.' },
  { contract: paymentReceived, permission: 'invoices:read', description: 'A payment was recorded against an invoice.' },
  { contract: customerCreated, permission: 'customers:read', description: 'A customer was created (directly or from a lead).' },
  { contract: productCreated, permission: 'catalog:read', description: 'A product was created.' },
  { contract: productPriceChanged, permission: 'catalog:read', description: 'A product got a new price.' },
];

const BY_TYPE = new Map(PARTNER_EVENT_TYPES.map((entry) => [entry.contract.type, entry]));

export function partnerEventType(type: string): PartnerEventType | undefined {
  return BY_TYPE.get(type);
}

/** The partner event types this caller may see: staff admins all, an API key those its scopes allow reading. */
export function readableEventTypes(caller: Caller | null): string[] {
  return PARTNER_EVENT_TYPES.filter((entry) => decideAccess(caller, [entry.permission], notificationsPolicy) === 'allowed').map((entry) => entry.contract.type);
}

/**
 * The event types a caller asks for, checked: every one known (BAD_USER_INPUT names the unknown ones and lists the
 * known) and readable by the caller (FORBIDDEN names the scope missing). Duplicates are dropped, order kept.
 */
export function checkedEventTypes(caller: Caller | null, types: readonly string[], field: string): string[] {
  const unique = [...new Set(types.map((type) => type.trim()))];
  const unknown = unique.filter((type) => !BY_TYPE.has(type));
  if (unknown.length > 0) {
    throw new BadUserInputError(`Unknown event types: ${unknown.join(', ')}. Known: ${[...BY_TYPE.keys()].join(', ')}.`, { field });
  }
  const readable = new Set(readableEventTypes(caller));
  const refused = unique.filter((type) => !readable.has(type));
  if (refused.length > 0) {
    const needed = [...new Set(refused.map((type) => BY_TYPE.get(type)!.permission))];
    throw new ForbiddenError(`Receiving ${refused.join(', ')} needs the scope ${needed.join(', ')}.`);
  }
  return unique;
}
