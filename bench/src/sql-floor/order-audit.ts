import { randomUUID } from 'node:crypto';
import { auditRecorded, type AuditActor, type AuditRecorded, type EntityChange, type FieldChange } from '@erp/platform';

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

const created = (entityType: string, entityId: string, fields: Record<string, unknown>): EntityChange => ({
  entityType,
  entityId,
  action: 'created',
  fields: Object.entries(fields)
    .filter(([, after]) => after !== null && after !== undefined)
    .map(([field, after]): FieldChange => ({ field, before: null, after: after as FieldChange['after'] })),
});

/**
 * The `audit.recorded` event the graph's sales writes for what an order's creation and placement changed (its
 * createOrder and placeOrder each write one), as one event: the floor's single request makes both changes. The
 * number is drawn inside the statement, which sets it at AUDITED_NUMBER_PATH.
 */
export function orderAuditEvent(order: AuditedOrder, actor: AuditActor): { requestId: string; payload: AuditRecorded } {
  const at = order.at.toISOString();
  const requestId = randomUUID();
  const changes: EntityChange[] = [
    created('Order', order.id, {
      number: '',
      customerId: order.customerId,
      status: 'PLACED',
      currency: order.currency,
      shippingAddress: order.shippingAddress,
      subtotalMinor: order.subtotalMinor.toString(),
      taxMinor: order.taxMinor.toString(),
      totalMinor: order.totalMinor.toString(),
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
        unitPriceMinor: line.unitPriceMinor.toString(),
        taxRateBp: line.taxRateBp,
        discountMinor: '0',
        netMinor: line.netMinor.toString(),
        taxMinor: line.taxMinor.toString(),
      }),
    ),
    created('OrderStatusChange', order.statusChangeIds[0], { order: order.id, to: 'DRAFT', byUserId: order.createdBy, at }),
    created('OrderStatusChange', order.statusChangeIds[1], { order: order.id, from: 'DRAFT', to: 'PLACED', byUserId: order.createdBy, at }),
  ];
  return { requestId, payload: { mutation: 'placeOrder', job: null, requestId, actor, at, changes } };
}

export const AUDIT_EVENT_TYPE = auditRecorded.type;
