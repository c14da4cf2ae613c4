export const TEST_ROUTER_SECRET = 'test-router-secret';
export const TEST_ADMIN = { email: 'admin@test.erp', password: 'test-admin-password' };
