export { inventorySubgraph, INVENTORY_PORT } from './subgraph.js';
