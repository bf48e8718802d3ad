import type { MigrationDatabase } from '../driver.js';

/**
 * One step of the state schema. Migrations run in ascending `version` order, each inside its
 * own transaction, and are recorded in `schema_migrations`; a released migration never changes.
 */
export interface Migration {
  /** Unique, ascending; the database's version is the highest one applied. */
  version: number;
  /** kebab-case, for messages and the schema_migrations table. */
  name: string;
  /** Runs inside a transaction: only statements (PRAGMAs that cannot run in a transaction do nothing here). */
  up(db: MigrationDatabase): void;
}
