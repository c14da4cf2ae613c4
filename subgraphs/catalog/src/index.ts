export { catalogSubgraph, CATALOG_PORT } from './subgraph.js';
