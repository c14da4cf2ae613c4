import { decodeCursor, likePattern, pageSize } from '@erp/platform';
import type { CustomerOrdersVariables } from '../queries.js';
import { apiKeyAllowedSql, type Access } from './access.js';
import { array, createdAtCursor, moneyAmount, object } from './json-sql.js';

/** Invoices in which money is still owed (billing's OPEN_STATUSES). */
const OPEN_INVOICE_STATUSES = `('ISSUED', 'PARTIALLY_PAID', 'OVERDUE')`;

/**
 * Parameters: $1 first, $2/$3 the `after` position (created_at, id), $4 search pattern, $5 tag, $6 a portal user's
 * customer, $7–$9 the API key check, then for the deep query $10 orders per customer, $11 order status.
 */
function statement(node: string): string {
  return `
with allowed as (select ${apiKeyAllowedSql('$7', '$8', '$9')} as ok),
page as (
  select c.id, c.name, c.email, c.currency, c.created_at
    from crm.customer c
   where (select ok from allowed)
     and c.archived_at is null
     and ($6::uuid is null or c.id = $6::uuid)
     and ($4::text is null or c.name ilike $4::text or c.email ilike $4::text)
     and ($5::text is null or c.tags @> array[$5::text])
     and ($2::timestamptz is null or c.created_at < $2::timestamptz or (c.created_at = $2::timestamptz and c.id < $3::uuid))
   order by c.created_at desc, c.id desc
   limit $1::int + 1
),
shown as (select * from page order by created_at desc, id desc limit $1::int)
select case when (select ok from allowed) then
  '{"data":{"customers":' || ${object({
    edges: array(object({ node }), 'shown s', 's.created_at desc, s.id desc'),
    pageInfo: object({
      hasNextPage: '(select count(*) from page) > $1::int',
      endCursor: `(select ${createdAtCursor('l')} from shown l order by l.created_at, l.id limit 1)`,
    }),
  })}::text || E'}}\\n'
end as body`;
}

const SIMPLE_NODE = object({ id: 's.id', name: 's.name', email: 's.email' });

const LINES = array(
  object({ quantity: 'l.quantity', product: object({ name: 'p.name' }) }),
  'sales.order_line l join catalog.product p on p.id = l.product_id where l.order_id = o.id',
  'l.position',
);

const INVOICE = `(select ${object({ number: 'i.number' })} from billing.invoice i where i.order_id = o.id and i.status <> 'VOID' limit 1)`;

const BALANCE_DUE = `(select coalesce(sum(i.total_minor - i.paid_minor - i.credited_minor), 0) from billing.invoice i
   where i.customer_id = s.id and i.currency = s.currency and i.status in ${OPEN_INVOICE_STATUSES})`;

const DEEP_NODE = object({
  id: 's.id',
  name: 's.name',
  orders: object({
    edges: array(
      object({ node: object({ number: 'o.number', status: 'o.status', lines: LINES, invoice: INVOICE }) }),
      `(select * from sales."order" o where o.customer_id = s.id and ($11::text is null or o.status = $11::text)
         order by o.created_at desc, o.id desc limit $10::int) o`,
      'o.created_at desc, o.id desc',
    ),
  }),
  balanceDue: object({ amount: moneyAmount(BALANCE_DUE, 's.currency'), currency: 's.currency' }),
});

export const SIMPLE_SQL = statement(SIMPLE_NODE);
export const DEEP_SQL = statement(DEEP_NODE);

/** The statement's parameters for the request's variables, read exactly as the crm and sales resolvers read them. */
export function customerParameters(variables: CustomerOrdersVariables, access: Access, deep: boolean): unknown[] {
  const first = pageSize(variables.first);
  const after = variables.after ? decodeCursor(variables.after, 'createdAt:DESC') : null;
  const search = variables.filter?.search?.trim() ? likePattern(variables.filter.search) : null;
  const tag = variables.filter?.tag ? variables.filter.tag.trim().toLowerCase() : null;
  const parameters = [
    first,
    after?.value ?? null,
    after?.id ?? null,
    search,
    tag,
    access.portalCustomerId,
    access.apiKey?.prefix ?? null,
    access.apiKey?.hash ?? null,
    access.apiKey?.scopes ?? [],
  ];
  return deep ? [...parameters, pageSize(variables.orders), variables.status ?? null] : parameters;
}
