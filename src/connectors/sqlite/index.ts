// The SQLite connector's public face: its factory (what the registry holds) and a direct
// constructor for callers that need SQLite-only extras such as recommendedIndexes().
import { isAbsolute, resolve } from 'node:path';
import type { ConnectorContext, ConnectorFactory } from '../types.js';
import { parseSqliteOptions } from './options.js';
import { SqliteConnector, type SqliteConnectorSettings } from './sqlite-connector.js';

export { SqliteConnector, DEFAULT_BUSY_TIMEOUT_MS, type SqliteConnectorSettings } from './sqlite-connector.js';
export { MAX_IDS_PER_STATEMENT } from './reader.js';

/** Builds a SQLite connector; `options.path` resolves against `context.baseDir`. Nothing is opened yet. */
export function createSqliteConnector(options: Readonly<Record<string, unknown>>, context: ConnectorContext, settings: SqliteConnectorSettings = {}): SqliteConnector {
  const parsed = parseSqliteOptions(context.connection, options);
  const file = isAbsolute(parsed.path) ? parsed.path : resolve(context.baseDir, parsed.path);
  return new SqliteConnector(parsed, context, file, settings);
}

/** The SQLite connector as the registry lists it: no secret options (a file path is not a secret). */
export const sqliteConnectorFactory: ConnectorFactory = {
  name: 'sqlite',
  secretOptions: [],
  create: (options, context) => createSqliteConnector(options, context),
};
