import { runStandaloneSubgraph } from '@erp/platform';
import { adminFromEnvironment, createIdentitySubgraph } from './subgraph.js';

await runStandaloneSubgraph(createIdentitySubgraph({ admin: adminFromEnvironment() }));
