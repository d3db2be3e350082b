import { Migration20261123000001_core } from './Migration20261123000001_core';
import { Migration20261123000002_segments } from './Migration20261123000002_segments';

/** Listed explicitly so the same list serves ts-jest, ts-node and the compiled build. */
export const migrationsList = [
  { name: 'Migration20261123000001_core', class: Migration20261123000001_core },
  { name: 'Migration20261123000002_segments', class: Migration20261123000002_segments },
];
