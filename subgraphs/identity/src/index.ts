export { createIdentitySubgraph, adminFromEnvironment, IDENTITY_PORT, type IdentityOptions } from './subgraph.js';
