// Real SQLite files in temp dirs for the connector tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createSqliteConnector, type SqliteConnector, type SqliteConnectorSettings } from '../../src/connectors/index.js';
import type { Connector } from '../../src/connectors/types.js';

/** A temp directory removed by `cleanup`. */
export interface TempDir {
  dir: string;
  cleanup(): void;
}

/** Makes a fresh temp directory. */
export function tempDir(): TempDir {
  const dir = mkdtempSync(join(tmpdir(), 'syncctl-conn-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Creates `dir/name` with the given schema SQL and returns its path. */
export function makeDatabase(dir: string, name: string, schema: string): string {
  const file = join(dir, name);
  const db = new Database(file);
  db.exec(schema);
  db.close();
  return file;
}

/** Runs `fn` on its own connection to `file` (the "other program" touching the user's database). */
export function withDb<T>(file: string, fn: (db: Database.Database) => T): T {
  const db = new Database(file);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** A SQLite connector on `dir/file` with these options. */
export function sqliteConnector(dir: string, options: Record<string, unknown>, settings?: SqliteConnectorSettings): SqliteConnector {
  return createSqliteConnector(options, { connection: 'test-db', baseDir: dir }, settings);
}

/** Every record of an object, page by page. */
export async function pagesOf(connector: Connector, object: string, pageSize: number, properties?: string[]) {
  const pages = [];
  for await (const page of connector.list(object, { pageSize, ...(properties ? { properties } : {}) })) pages.push(page);
  return pages;
}

export const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
