import type { EntityManager } from '@erp/platform';

export async function seedSalesDemo(_em: EntityManager): Promise<void> {}
