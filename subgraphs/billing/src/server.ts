import { runStandaloneSubgraph } from '@erp/platform';
import { billingSubgraph } from './subgraph.js';

await runStandaloneSubgraph(billingSubgraph);
