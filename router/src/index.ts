export { startRouter, type RouterConfig, type RunningRouter } from './router.js';
export { readCredentials, useAuth, type AuthOptions } from './plugins/use-auth.js';
export { apiKeyCacheTtlFromEnvironment } from './plugins/api-key-cache.js';
export { responseShapingFromEnvironment, type ResponseShapingMode } from './shaping/response-shaping.js';
export { InProcessCostBuckets, RedisCostBuckets, type CostBuckets, type CostLimit } from './cost/cost-buckets.js';
export { DEFAULT_QUERY_COST_SETTINGS, queryCostFromEnvironment, type QueryCostSettings } from './plugins/use-query-cost.js';
export { loadOperationManifest, parseOperationManifest, sha256Hex, type OperationManifest } from './plugins/persisted-operation-manifest.js';
export { persistedOperationsModeFromEnvironment, NOT_IN_SAFELIST, type PersistedOperationsMode, type PersistedOperationsOptions } from './plugins/persisted-operations.js';
export { RedisPersistedQueryStore, type PersistedQueryStore } from './plugins/persisted-query-store.js';
