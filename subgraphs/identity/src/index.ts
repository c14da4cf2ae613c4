export { createIdentitySubgraph, adminFromEnvironment, IDENTITY_PORT, type IdentityOptions } from './subgraph.js';
export { DEMO_USERS, type DemoUser } from './demo/demo-users.js';
