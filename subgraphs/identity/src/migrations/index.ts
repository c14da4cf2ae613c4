import type { SubgraphMigration } from '@erp/platform';
import { Migration20261124225315 } from './Migration20261124225315.js';
import { Migration20261201121540 } from './Migration20261201121540.js';
import { Migration20261201163343 } from './Migration20261201163343.js';
import { Migration20261201192440 } from './Migration20261201192440.js';
import { Migration20261201193000 } from './Migration20261201193000.js';

/** Applied in this order at start; generate the next with `pnpm --filter @erp/identity migration:create`. */
export const identityMigrations: SubgraphMigration[] = [
  { name: 'Migration20261124225315', class: Migration20261124225315 },
  { name: 'Migration20261201121540', class: Migration20261201121540 },
  { name: 'Migration20261201163343', class: Migration20261201163343 },
  { name: 'Migration20261201192440', class: Migration20261201192440 },
  { name: 'Migration20261201193000', class: Migration20261201193000 },
];
