/**
 * Well-known identifiers of the embedded demo data, so that one subgraph's demo rows can point at another's
 * (e.g. the demo customer-portal user belongs to the demo customer) without either importing the other.
 */
export const DEMO_IDS = {
  customerAcme: '00000000-0000-4000-8000-00000000c001',
  customerGlobex: '00000000-0000-4000-8000-00000000c002',
  customerInitech: '00000000-0000-4000-8000-00000000c003',
} as const;
