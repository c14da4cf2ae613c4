export { startRouter, type RouterConfig, type RunningRouter } from './router.js';
export { readCredentials, useAuth, type AuthOptions } from './plugins/use-auth.js';
export { apiKeyCacheTtlFromEnvironment } from './plugins/api-key-cache.js';
export { loadOperationManifest, parseOperationManifest, sha256Hex, type OperationManifest } from './plugins/persisted-operation-manifest.js';
export { persistedOperationsModeFromEnvironment, NOT_IN_SAFELIST, type PersistedOperationsMode, type PersistedOperationsOptions } from './plugins/persisted-operations.js';
export { RedisPersistedQueryStore, type PersistedQueryStore } from './plugins/persisted-query-store.js';
