import type { SubgraphMigration } from '@erp/platform';
import { Migration20261126051111 } from './Migration20261126051111.js';
import { Migration20261201121124 } from './Migration20261201121124.js';
import { Migration20261201163359 } from './Migration20261201163359.js';
import { Migration20261201192545 } from './Migration20261201192545.js';

/** Applied in this order at start; generate the next with `pnpm --filter @erp/notifications migration:create`. */
export const notificationsMigrations: SubgraphMigration[] = [
  { name: 'Migration20261126051111', class: Migration20261126051111 },
  { name: 'Migration20261201121124', class: Migration20261201121124 },
  { name: 'Migration20261201163359', class: Migration20261201163359 },
  { name: 'Migration20261201192545', class: Migration20261201192545 },
];
