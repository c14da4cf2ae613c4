import type { SubgraphMigration } from '@erp/platform';
import { Migration20261124234150 } from './Migration20261124234150.js';
import { Migration20261125002949 } from './Migration20261125002949.js';
import { Migration20261201121110 } from './Migration20261201121110.js';
import { Migration20261201140000 } from './Migration20261201140000.js';
import { Migration20261201163220 } from './Migration20261201163220.js';
import { Migration20261201221838 } from './Migration20261201221838.js';
import { Migration20261202010311 } from './Migration20261202010311.js';

/** Applied in this order at start; generate the next with `pnpm --filter @erp/sales migration:create`. */
export const salesMigrations: SubgraphMigration[] = [
  { name: 'Migration20261124234150', class: Migration20261124234150 },
  { name: 'Migration20261125002949', class: Migration20261125002949 },
  { name: 'Migration20261201121110', class: Migration20261201121110 },
  { name: 'Migration20261201140000', class: Migration20261201140000 },
  { name: 'Migration20261201163220', class: Migration20261201163220 },
  { name: 'Migration20261201221838', class: Migration20261201221838 },
  { name: 'Migration20261202010311', class: Migration20261202010311 },
];
