import { runStandaloneSubgraph } from '@erp/platform';
import { inventorySubgraph } from './subgraph.js';

await runStandaloneSubgraph(inventorySubgraph);
