import { runStandaloneSubgraph } from '@erp/platform';
import { catalogSubgraph } from './subgraph.js';

await runStandaloneSubgraph(catalogSubgraph);
