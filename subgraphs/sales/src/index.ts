export { salesSubgraph, SALES_PORT } from './subgraph.js';
