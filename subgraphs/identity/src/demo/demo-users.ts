import { DEMO_IDS, type EntityManager, type Role } from '@erp/platform';
import { hashPassword } from '../modules/auth/password.js';
import { User } from '../modules/user/user.entity.js';

export interface DemoUser {
  email: string;
  password: string;
  roles: Role[];
  customerId?: string;
}

/** Printed at the embedded start so a newcomer can sign in as each kind of user. */
export const DEMO_USERS: DemoUser[] = [
  { email: 'admin@demo.erp', password: 'demo-admin-pass', roles: ['admin'] },
  { email: 'manager@demo.erp', password: 'demo-manager-pass', roles: ['manager'] },
  { email: 'sales@demo.erp', password: 'demo-sales-pass', roles: ['sales'] },
  { email: 'accountant@demo.erp', password: 'demo-accountant-pass', roles: ['accountant'] },
  { email: 'customer@demo.erp', password: 'demo-customer-pass', roles: ['customer'], customerId: DEMO_IDS.customerAcme },
];

export async function seedDemoUsers(em: EntityManager): Promise<void> {
  for (const demo of DEMO_USERS) {
    if (await em.count(User, { email: demo.email })) continue;
    em.create(User, {
      email: demo.email,
      displayName: `Demo ${demo.roles[0]}`,
      passwordHash: await hashPassword(demo.password),
      roles: demo.roles,
      customerId: demo.customerId ?? null,
    });
  }
  await em.flush();
}
