export { startRouter, type RouterConfig, type RunningRouter } from './router.js';
export { readCredentials, useAuth, type AuthOptions } from './plugins/use-auth.js';
export { apiKeyCacheTtlFromEnvironment } from './plugins/api-key-cache.js';
