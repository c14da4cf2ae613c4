import type { SubgraphMigration } from '@erp/platform';
import { Migration20261124232708 } from './Migration20261124232708.js';
import { Migration20261201121525 } from './Migration20261201121525.js';
import { Migration20261201163323 } from './Migration20261201163323.js';

/** Applied in this order at start; generate the next with `pnpm --filter @erp/crm migration:create`. */
export const crmMigrations: SubgraphMigration[] = [
  { name: 'Migration20261124232708', class: Migration20261124232708 },
  { name: 'Migration20261201121525', class: Migration20261201121525 },
  { name: 'Migration20261201163323', class: Migration20261201163323 },
];
