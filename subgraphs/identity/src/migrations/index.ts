import type { SubgraphMigration } from '@erp/platform';
import { Migration20261124225315 } from './Migration20261124225315.js';

/** Applied in this order at start; generate the next with `pnpm --filter @erp/identity migration:create`. */
export const identityMigrations: SubgraphMigration[] = [{ name: 'Migration20261124225315', class: Migration20261124225315 }];
