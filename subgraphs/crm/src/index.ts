export { crmSubgraph, CRM_PORT } from './subgraph.js';
