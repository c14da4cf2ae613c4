import type { PeerClient, RequestContext } from '@erp/platform';

export interface CustomerContact {
  id: string;
  name: string;
  email: string | null;
}

/** The customer's name and email address from crm; null when crm does not know the customer. */
export async function fetchCustomerContact(peers: PeerClient, ctx: Pick<RequestContext, 'caller' | 'requestId'>, customerId: string): Promise<CustomerContact | null> {
  const data = await peers.query<{ _entities: (CustomerContact | null)[] }>(
    ctx,
    'crm',
    'query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id name email } } }',
    { r: [{ __typename: 'Customer', id: customerId }] },
  );
  return data._entities[0] ?? null;
}
