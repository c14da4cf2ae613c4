import { randomUUID } from 'node:crypto';
import { auditActor, fingerprintOf, formatTaxRate, lineAmounts, toMoneyType } from '@erp/platform';
import type pg from 'pg';
import type { OrderInput } from '../queries.js';
import { AccessRefused, apiKeyAllowedSql, type Access } from './access.js';
import { AUDIT_EVENT_TYPE, AUDITED_NUMBER_PATH, orderAuditEvent } from './order-audit.js';

/** Products, the customer's address and, for an API key, whether it may write and who owns it: one statement. */
const READ_SQL = `
select ${apiKeyAllowedSql('$3', '$4', '$5')} as allowed,
       (select json_build_object('id', k.id, 'owner', k.owner_id, 'scopes', k.scopes) from identity.api_key k
         where k.prefix = $3::text and k.secret_hash = $4::text) as key,
       (select json_build_object('address', coalesce(c.shipping_address, c.billing_address)) from crm.customer c where c.id = $2::uuid) as customer,
       coalesce((select json_agg(json_build_object('id', p.id, 'sku', p.sku, 'name', p.name, 'priceMinor', p.price_minor::text,
                                                   'currency', p.currency, 'taxRateBp', p.tax_rate_bp, 'active', p.active))
                   from catalog.product p where p.id = any($1::uuid[])), '[]') as products`;

/**
 * The rows the graph's createOrder + placeOrder leave behind, in one statement (so one transaction): the order's
 * number from the year's PostgreSQL sequence (unique and increasing, not gap-free, as in the graph), the order already
 * PLACED (version 2, as after the graph's two writes), its lines, both status changes, the idempotency claim with its
 * result, and the outbox's `order.status_changed` and `order.placed` with the order as it now is and the
 * `audit.recorded` of what changed (order-audit.ts); and inventory's
 * reservation of the stock-tracked lines in the default warehouse (levels locked in product order, all checked, then
 * reserved with their movements and `stock.changed` rows). A short line writes nothing (no number is returned).
 */
const WRITE_SQL = `
with wanted as (
  select l.product_id, sum(l.quantity)::int as quantity
    from jsonb_to_recordset($10::jsonb) as l(product_id uuid, quantity int)
    join inventory.stock_item i on i.product_id = l.product_id and i.tracked
   group by l.product_id
), wh as (
  select id from inventory.warehouse where is_default
), locked as (
  select s.id, s.product_id, s.on_hand, s.reserved from inventory.stock_level s join wanted w on w.product_id = s.product_id
   where s.warehouse_id = (select id from wh) order by s.product_id for update of s
), short as (
  select w.product_id from wanted w left join locked l on l.product_id = w.product_id where l.id is null or l.on_hand - l.reserved < w.quantity
), seq as (
  select nextval(('sales.order_number_' || $2::int)::regclass) as last_value
), ord as (
  insert into sales."order" (id, number, customer_id, status, currency, shipping_address, subtotal_minor, tax_minor, total_minor,
                             placed_at, created_by, created_at, updated_at, version)
  select $1::uuid, 'SO-' || $2::int || '-' || lpad(last_value::text, greatest(6, length(last_value::text)), '0'), $3::uuid, 'PLACED',
         $4::text, $5::jsonb, $6::bigint, $7::bigint, $8::bigint, $12::timestamptz, $9::uuid, $12::timestamptz, $12::timestamptz, 2
    from seq where not exists (select 1 from short)
  returning id, number
), reservation as (
  insert into inventory.reservation (id, order_id, warehouse_id, status, lines, created_at, updated_at)
  select gen_random_uuid(), ord.id, wh.id, 'ACTIVE',
         (select jsonb_agg(jsonb_build_object('productId', product_id, 'quantity', quantity) order by product_id) from wanted), $12::timestamptz, $12::timestamptz
    from ord, wh where exists (select 1 from wanted)
  returning warehouse_id
), levels as (
  update inventory.stock_level s set reserved = s.reserved + w.quantity, updated_at = $12::timestamptz
    from wanted w, reservation r
   where s.product_id = w.product_id and s.warehouse_id = r.warehouse_id
  returning s.id, s.product_id, s.warehouse_id, s.on_hand, s.reserved, w.quantity
), movements as (
  insert into inventory.stock_movement (id, product_id, warehouse_id, kind, on_hand_change, reserved_change, on_hand_after, reserved_after,
                                        document_type, document_id, by_user_id, at)
  select gen_random_uuid(), l.product_id, l.warehouse_id, 'RESERVATION', 0, l.quantity, l.on_hand, l.reserved, 'ORDER', $1::uuid, $9::uuid, $12::timestamptz
    from levels l
), stock_events as (
  insert into inventory.outbox_event (id, type, aggregate_id, payload, occurred_at)
  select gen_random_uuid(), 'stock.changed', l.id::text,
         jsonb_build_object('productId', l.product_id, 'warehouseId', l.warehouse_id, 'kind', 'RESERVATION', 'onHandChange', 0, 'reservedChange', l.quantity,
                            'onHand', l.on_hand, 'reserved', l.reserved, 'available', l.on_hand - l.reserved, 'documentType', 'ORDER',
                            'documentId', $1::uuid, 'byUserId', $9::uuid, 'at', $12::timestamptz),
         $12::timestamptz
    from levels l
), lines as (
  insert into sales.order_line (id, order_id, position, product_id, sku, name, quantity, currency, unit_price_minor, tax_rate_bp,
                                discount_minor, net_minor, tax_minor)
  select l.id, ord.id, l.position, l.product_id, l.sku, l.name, l.quantity, $4::text, l.unit_price_minor, l.tax_rate_bp,
         0, l.net_minor, l.tax_minor
    from ord, jsonb_to_recordset($10::jsonb) as l(id uuid, position int, product_id uuid, sku text, name text, quantity int, unit_price_minor bigint,
                                             tax_rate_bp int, net_minor bigint, tax_minor bigint)
), changes as (
  insert into sales.order_status_change (id, order_id, from_status, to_status, by_user_id, at)
  select c.id, ord.id, c.from_status, c.to_status, $9::uuid, $12::timestamptz
    from ord, (values ($15::uuid, null, 'DRAFT'), ($16::uuid, 'DRAFT', 'PLACED')) as c(id, from_status, to_status)
), claim as (
  insert into sales.idempotency_key (scope, key, fingerprint, result_id, created_at) select 'placeOrder', $13::text, $14::text, ord.id::text, now() from ord
), events as (
  insert into sales.outbox_event (id, type, aggregate_id, payload, occurred_at)
  select gen_random_uuid(), t.type, $1::text, $11::jsonb || jsonb_build_object('number', ord.number), $12::timestamptz
    from ord, unnest(array['order.status_changed', 'order.placed']) t(type)
), audit as (
  insert into sales.outbox_event (id, type, aggregate_id, payload, occurred_at)
  select gen_random_uuid(), '${AUDIT_EVENT_TYPE}', $17::text, jsonb_set($18::jsonb, '${AUDITED_NUMBER_PATH}', to_jsonb(ord.number)), $12::timestamptz from ord
)
select number from ord`;

interface ProductRow {
  id: string;
  sku: string;
  name: string;
  priceMinor: string;
  currency: string;
  taxRateBp: number;
  active: boolean;
}

export class OrderRefused extends Error {}

/** Creates and places an order with the graph's rules (the kit's line amounts, tax rounding and event shape) in two statements. */
export async function createAndPlaceOrder(pool: pg.Pool, access: Access, input: OrderInput, idempotencyKey: string): Promise<{ id: string; number: string }> {
  const productIds = [...new Set(input.lines.map((line) => line.productId))];
  const read = await pool.query<{ allowed: boolean; key: { id: string; owner: string; scopes: string[] } | null; customer: { address: unknown } | null; products: ProductRow[] }>({
    name: 'order-read',
    text: READ_SQL,
    values: [productIds, input.customerId, access.apiKey?.prefix ?? null, access.apiKey?.hash ?? null, access.apiKey?.scopes ?? []],
  });
  const { allowed, key, customer, products } = read.rows[0]!;
  if (!allowed) throw new AccessRefused('The API key is not valid or lacks a scope.', 401);
  if (!customer) throw new OrderRefused(`No customer ${input.customerId}.`);
  const byId = new Map(products.map((product) => [product.id, product]));
  const lines = input.lines.map((line, position) => {
    const product = byId.get(line.productId);
    if (!product?.active) throw new OrderRefused(`Product ${line.productId} is not on sale.`);
    if (!Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > 1_000_000) throw new OrderRefused('Bad quantity.');
    const unitPriceMinor = BigInt(product.priceMinor);
    return { id: randomUUID(), product, position, quantity: line.quantity, unitPriceMinor, ...lineAmounts(unitPriceMinor, line.quantity, 0n, product.taxRateBp) };
  });
  const currency = lines[0]!.product.currency;
  if (lines.some((line) => line.product.currency !== currency)) throw new OrderRefused('All lines of an order must be in one currency.');
  const subtotal = lines.reduce((sum, line) => sum + line.netMinor, 0n);
  const tax = lines.reduce((sum, line) => sum + line.taxMinor, 0n);
  const id = randomUUID();
  const byUserId = access.userId ?? key?.owner ?? null;
  const now = new Date();
  const money = (minor: bigint) => toMoneyType(minor, currency);
  // order.status_changed as sales records it (contracts' OrderStatusChanged); the statement adds the number it draws.
  const change = {
    orderId: id,
    customerId: input.customerId,
    currency,
    subtotal: money(subtotal),
    tax: money(tax),
    total: money(subtotal + tax),
    lines: lines.map((line) => ({
      productId: line.product.id,
      sku: line.product.sku,
      name: line.product.name,
      quantity: line.quantity,
      unitPrice: money(line.unitPriceMinor),
      taxRate: formatTaxRate(line.product.taxRateBp),
      discount: money(0n),
      net: money(line.netMinor),
      tax: money(line.taxMinor),
    })),
    from: 'DRAFT',
    to: 'PLACED',
    at: now.toISOString(),
    byUserId,
  };
  const statusChangeIds: [string, string] = [randomUUID(), randomUUID()];
  const actor = auditActor(
    key ? { kind: 'apiKey', apiKeyId: key.id, ownerId: key.owner, scopes: key.scopes } : { kind: 'user', userId: access.userId!, roles: access.roles },
  );
  const audit = orderAuditEvent(
    {
      id,
      customerId: input.customerId,
      currency,
      shippingAddress: customer.address,
      subtotalMinor: subtotal,
      taxMinor: tax,
      totalMinor: subtotal + tax,
      createdBy: byUserId,
      at: now,
      lines: lines.map((line) => ({ ...line, productId: line.product.id, sku: line.product.sku, name: line.product.name, taxRateBp: line.product.taxRateBp })),
      statusChangeIds,
    },
    actor,
  );
  const values = [
    id,
    now.getUTCFullYear(),
    input.customerId,
    currency,
    customer.address === null ? null : JSON.stringify(customer.address),
    subtotal.toString(),
    tax.toString(),
    (subtotal + tax).toString(),
    byUserId,
    JSON.stringify(
      lines.map((line) => ({
        id: line.id,
        position: line.position,
        product_id: line.product.id,
        sku: line.product.sku,
        name: line.product.name,
        quantity: line.quantity,
        unit_price_minor: line.unitPriceMinor.toString(),
        tax_rate_bp: line.product.taxRateBp,
        net_minor: line.netMinor.toString(),
        tax_minor: line.taxMinor.toString(),
      })),
    ),
    JSON.stringify(change),
    now,
    idempotencyKey,
    fingerprintOf({ id }),
    statusChangeIds[0],
    statusChangeIds[1],
    audit.requestId,
    JSON.stringify(audit.payload),
  ];
  const write = () => pool.query<{ number: string }>({ name: 'order-write', text: WRITE_SQL, values });
  const written = await write().catch(async (error: { code?: string }) => {
    // A year's first order: its sequence is created on first use, as the kit's numberSeries does for the graph.
    if (error.code !== '42P01') throw error;
    await pool.query(`create sequence if not exists sales.order_number_${now.getUTCFullYear()} as bigint`).catch(() => undefined);
    return write();
  });
  const number = written.rows[0]?.number;
  if (!number) throw new OrderRefused('Not enough stock for every line; nothing was written.');
  return { id, number };
}

