import { runStandaloneSubgraph } from '@erp/platform';
import { salesSubgraph } from './subgraph.js';

await runStandaloneSubgraph(salesSubgraph);
