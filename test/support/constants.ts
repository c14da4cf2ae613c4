export const TEST_ROUTER_SECRET = 'test-router-secret';
export const TEST_ADMIN = { email: 'admin@test.erp', password: 'test-admin-password' };
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Connections per subgraph in a test platform. */
export const TEST_POOL_SIZE = 4;
