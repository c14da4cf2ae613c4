export { createIdentitySubgraph, adminFromEnvironment, IDENTITY_PORT, type IdentityOptions } from './subgraph.js';
export { DEFAULT_LOGIN_THROTTLE, loginThrottleFromEnvironment, type LoginThrottleSettings } from './modules/auth/login-throttle.js';
