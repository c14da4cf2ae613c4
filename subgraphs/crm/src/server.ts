import { runStandaloneSubgraph } from '@erp/platform';
import { crmSubgraph } from './subgraph.js';

await runStandaloneSubgraph(crmSubgraph);
