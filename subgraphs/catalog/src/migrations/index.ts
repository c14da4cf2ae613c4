import type { SubgraphMigration } from '@erp/platform';
import { Migration20261124233803 } from './Migration20261124233803.js';
import { Migration20261201121533 } from './Migration20261201121533.js';
import { Migration20261201163303 } from './Migration20261201163303.js';

/** Applied in this order at start; generate the next with `pnpm --filter @erp/catalog migration:create`. */
export const catalogMigrations: SubgraphMigration[] = [
  { name: 'Migration20261124233803', class: Migration20261124233803 },
  { name: 'Migration20261201121533', class: Migration20261201121533 },
  { name: 'Migration20261201163303', class: Migration20261201163303 },
];
