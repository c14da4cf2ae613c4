/**
 * The documents the benchmark sends. Arguments travel as variables, as real clients send them (the router caches plans
 * per document). They select only what the hand-written SQL endpoint reproduces, so both answers can be compared byte
 * for byte. The SQL endpoint picks its statement by `operationName` and never parses the document.
 */
export const CUSTOMER_LIST = 'CustomerList';
export const CUSTOMER_ORDERS = 'CustomerOrders';
export const CREATE_ORDER = 'CreateOrder';
export const PLACE_ORDER = 'PlaceOrder';
/** The SQL endpoint's one request that creates and places an order (the graph needs createOrder, then placeOrder). */
/** The SQL floor's reservation of an order's stock (no GraphQL document: the floor picks its statement by name). */
export const RESERVE_ORDER_STOCK = 'ReserveOrderStock';
export const CREATE_AND_PLACE_ORDER = 'CreateAndPlaceOrder';

const PAGE_INFO = 'pageInfo { hasNextPage endCursor }';

/** The simple query: one page of customers (crm only). */
export const SIMPLE_QUERY = `query ${CUSTOMER_LIST}($first: Int!, $after: String, $filter: CustomerFilter) {
  customers(first: $first, after: $after, filter: $filter) { edges { node { id name email } } ${PAGE_INFO} }
}`;

/** The deep query: customers → their orders → lines → product name, the order's invoice number, and the balance due. */
export const DEEP_QUERY = `query ${CUSTOMER_ORDERS}($first: Int!, $after: String, $filter: CustomerFilter, $orders: Int, $status: OrderStatus) {
  customers(first: $first, after: $after, filter: $filter) {
    edges { node {
      id name
      orders(first: $orders, status: $status) { edges { node { number status lines { quantity product { name } } invoice { number } } } }
      balanceDue { amount currency }
    } }
    ${PAGE_INFO}
  }
}`;

export const CREATE_ORDER_MUTATION = `mutation ${CREATE_ORDER}($input: CreateOrderInput!) { createOrder(input: $input) { id } }`;
export const PLACE_ORDER_MUTATION = `mutation ${PLACE_ORDER}($id: ID!, $idempotencyKey: String!) { placeOrder(id: $id, idempotencyKey: $idempotencyKey) { id number status } }`;

export interface CustomerFilterVariables {
  search?: string;
  tag?: string;
}

export interface CustomerListVariables {
  first: number;
  after?: string;
  filter?: CustomerFilterVariables;
}

export type OrderStatusFilter = 'PLACED' | 'CONFIRMED' | 'SHIPPED' | 'CANCELLED';

export interface CustomerOrdersVariables extends CustomerListVariables {
  orders?: number;
  status?: OrderStatusFilter;
}

export interface OrderInput {
  customerId: string;
  lines: { productId: string; quantity: number }[];
}

/** The request body, identical for the graph and the SQL endpoint. */
export function requestBody(query: string, operationName: string, variables: object): string {
  return JSON.stringify({ query, operationName, variables });
}
