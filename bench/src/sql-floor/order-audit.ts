import { randomUUID } from 'node:crypto';
import { auditRecorded, fieldChanges, type AuditActor, type AuditRecorded, type EntityChange } from '@erp/platform';

export interface AuditedLine {
  id: string;
  position: number;
  productId: string;
  sku: string;
  name: string;
  quantity: number;
  unitPriceMinor: bigint;
  taxRateBp: number;
  netMinor: bigint;
  taxMinor: bigint;
}

export interface AuditedOrder {
  id: string;
  customerId: string;
  currency: string;
  shippingAddress: unknown;
  subtotalMinor: bigint;
  taxMinor: bigint;
  totalMinor: bigint;
  createdBy: string | null;
  at: Date;
  lines: AuditedLine[];
  /** The ids of the two status changes written: created as DRAFT, then DRAFT → PLACED. */
  statusChangeIds: [string, string];
}

/** Where the statement puts the number it draws: the order's first change, its first field. */
export const AUDITED_NUMBER_PATH = '{changes,0,fields,0,after}';

/** A record the statement creates, as the kit's unit of work audits one: its non-empty fields, in the given order. */
const created = (entityType: string, entityId: string, values: Record<string, unknown>): EntityChange => ({
  entityType,
  entityId,
  action: 'created',
  fields: fieldChanges(null, values, Object.keys(values), () => false),
});

/**
 * The `audit.recorded` event the graph's sales writes for what an order's creation and placement changed (its
 * createOrder and placeOrder each write one), as one event: the floor's single request makes both changes. The
 * number is drawn inside the statement, which sets it at AUDITED_NUMBER_PATH.
 */
export function orderAuditEvent(order: AuditedOrder, actor: AuditActor): { requestId: string; payload: AuditRecorded } {
  const at = order.at;
  const requestId = randomUUID();
  const changes: EntityChange[] = [
    created('Order', order.id, {
      number: '',
      customerId: order.customerId,
      status: 'PLACED',
      currency: order.currency,
      shippingAddress: order.shippingAddress,
      subtotalMinor: order.subtotalMinor,
      taxMinor: order.taxMinor,
      totalMinor: order.totalMinor,
      placedAt: at,
      createdBy: order.createdBy,
      createdAt: at,
    }),
    ...order.lines.map((line) =>
      created('OrderLine', line.id, {
        order: order.id,
        position: line.position,
        productId: line.productId,
        sku: line.sku,
        name: line.name,
        quantity: line.quantity,
        currency: order.currency,
        unitPriceMinor: line.unitPriceMinor,
        taxRateBp: line.taxRateBp,
        discountMinor: 0n,
        netMinor: line.netMinor,
        taxMinor: line.taxMinor,
      }),
    ),
    created('OrderStatusChange', order.statusChangeIds[0], { order: order.id, to: 'DRAFT', byUserId: order.createdBy, at }),
    created('OrderStatusChange', order.statusChangeIds[1], { order: order.id, from: 'DRAFT', to: 'PLACED', byUserId: order.createdBy, at }),
  ];
  return { requestId, payload: { mutation: 'placeOrder', job: null, requestId, actor, at: at.toISOString(), changes } };
}

export const AUDIT_EVENT_TYPE = auditRecorded.type;
