export { billingSubgraph, BILLING_PORT } from './subgraph.js';
