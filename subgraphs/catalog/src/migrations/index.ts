import type { SubgraphMigration } from '@erp/platform';
import { Migration20261124233803 } from './Migration20261124233803.js';

/** Applied in this order at start; generate the next with `pnpm --filter @erp/catalog migration:create`. */
export const catalogMigrations: SubgraphMigration[] = [{ name: 'Migration20261124233803', class: Migration20261124233803 }];
