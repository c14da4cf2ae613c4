import type { SubgraphMigration } from '@erp/platform';
import { Migration20261124234813 } from './Migration20261124234813.js';
import { Migration20261125002950 } from './Migration20261125002950.js';
import { Migration20261201121118 } from './Migration20261201121118.js';
import { Migration20261201163245 } from './Migration20261201163245.js';

/** Applied in this order at start; generate the next with `pnpm --filter @erp/billing migration:create`. */
export const billingMigrations: SubgraphMigration[] = [
  { name: 'Migration20261124234813', class: Migration20261124234813 },
  { name: 'Migration20261125002950', class: Migration20261125002950 },
  { name: 'Migration20261201121118', class: Migration20261201121118 },
  { name: 'Migration20261201163245', class: Migration20261201163245 },
];
