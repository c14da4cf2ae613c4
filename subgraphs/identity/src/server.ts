import { runStandaloneSubgraph } from '@erp/platform';
import { loginThrottleFromEnvironment } from './modules/auth/login-throttle.js';
import { adminFromEnvironment, createIdentitySubgraph } from './subgraph.js';

await runStandaloneSubgraph(createIdentitySubgraph({ admin: adminFromEnvironment(), throttle: loginThrottleFromEnvironment() }));
