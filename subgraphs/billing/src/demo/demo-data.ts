import type { EntityManager } from '@erp/platform';

export async function seedBillingDemo(_em: EntityManager): Promise<void> {}
