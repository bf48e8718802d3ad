// Creates the demo's two SQLite apps. Each file is written under a temporary name and renamed
// into place, so an interrupted seed never leaves a half-filled database that looks present.
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { SyncctlError } from '../errors/syncctl-error.js';
import { generateDemoData, type DemoData } from './generate.js';
import { CRM_SCHEMA, DEMO_INDEXES, SHOP_SCHEMA } from './schema.js';
import { makeDirectory } from '../util/make-dir.js';

/** Options of seedDemo. */
export interface SeedDemoOptions {
  /** Faker seed; the same seed gives the same rows. Default 42. */
  seed?: number;
  /** Number of hub contacts (~as many shop customers; a fifth as many companies and deals). Default 300. */
  contacts?: number;
  /** Recreate the files even when they exist. */
  force?: boolean;
}

/** What seedDemo did. */
export interface SeedDemoResult {
  /** True when at least one file was (re)written. */
  created: boolean;
  /** Absolute paths of the demo databases: crm.db (the hub) and shop.db (the app). */
  files: string[];
  /** Kept files an older syncctl made, lacking tables the demo definitions now use (absent when none). */
  outdated?: string[];
}

export const DEMO_DEFAULT_SEED = 42;
export const DEMO_DEFAULT_CONTACTS = 300;
const MAX_CONTACTS = 1_000_000;

type Row = Record<string, string | number | null>;

function insertAll(db: Database.Database, table: string, rows: readonly object[]): void {
  const first = rows[0];
  if (first === undefined) return;
  const columns = Object.keys(first);
  const insert = db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`);
  // One transaction per table: one fsync instead of one per row.
  db.transaction(() => {
    for (const row of rows) insert.run(row as Row);
  })();
}

function writeDatabase(file: string, schema: string, tables: Record<string, readonly object[]>, indexes: readonly string[]): void {
  const partial = `${file}.seeding-${process.pid}`;
  rmSync(partial, { force: true });
  const db = new Database(partial);
  try {
    db.exec(schema);
    for (const [table, rows] of Object.entries(tables)) insertAll(db, table, rows);
    db.exec(indexes.join('\n'));
  } finally {
    db.close();
  }
  // A stale WAL or journal next to the old file must not be replayed into the new one.
  for (const suffix of ['-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
  renameSync(partial, file);
}

/** True when an existing demo file lacks a table of `schema` (made before deals and associations). */
function isOutdated(file: string, schema: string): boolean {
  const wanted = [...schema.matchAll(/CREATE TABLE (\w+)/g)].map((m) => m[1] ?? '');
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const present = new Set((db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[]).map((n) => n.toLowerCase()));
    return wanted.some((t) => !present.has(t.toLowerCase()));
  } catch {
    // Not readable as a database: the sync says why, more precisely than this could.
    return false;
  } finally {
    db?.close();
  }
}

function checkCount(contacts: number): void {
  if (!Number.isInteger(contacts) || contacts < 1 || contacts > MAX_CONTACTS) {
    throw new SyncctlError('invalid_demo_size', `the demo needs a whole number of contacts between 1 and ${MAX_CONTACTS}, got ${String(contacts)}.`, {
      hint: `Leave it out for the default of ${DEMO_DEFAULT_CONTACTS}; every demo scenario appears from about 50 contacts up.`,
    });
  }
}

/** Makes the directory for the demo databases, or fails with `demo_data_unwritable`. */
export function prepareDemoDataDir(dir: string): void {
  const root = resolve(dir);
  try {
    makeDirectory(root);
  } catch (cause) {
    throw new SyncctlError('demo_data_unwritable', `Cannot create the directory ${root} for the demo databases (${(cause as NodeJS.ErrnoException).code ?? 'unknown error'}).`, {
      hint: 'Choose a writable directory with --data DIR.',
      meta: { dir: root },
      cause,
    });
  }
}

/**
 * Creates `dir/crm.db` (the hub: contacts, companies, deals and their associations) and
 * `dir/shop.db` (the app: customers, accounts, orders and theirs) with deterministic demo data, each only when absent unless `force` is set.
 */
export async function seedDemo(dir: string, options: SeedDemoOptions = {}): Promise<SeedDemoResult> {
  const seed = options.seed ?? DEMO_DEFAULT_SEED;
  const contacts = options.contacts ?? DEMO_DEFAULT_CONTACTS;
  checkCount(contacts);
  const root = resolve(dir);
  const crm = join(root, 'crm.db');
  const shop = join(root, 'shop.db');
  const writeCrm = options.force === true || !existsSync(crm);
  const writeShop = options.force === true || !existsSync(shop);
  if (writeCrm || writeShop) {
    prepareDemoDataDir(root);
    const data: DemoData = generateDemoData(seed, contacts);
    if (writeCrm) {
      const { contacts, companies, deals, contacts_companies, deals_companies, deals_contacts } = data;
      writeDatabase(crm, CRM_SCHEMA, { contacts, companies, deals, contacts_companies, deals_companies, deals_contacts }, DEMO_INDEXES.crm);
    }
    if (writeShop) {
      const { customers, accounts, orders, customers_accounts, order_accounts, orders_customers } = data;
      writeDatabase(shop, SHOP_SCHEMA, { customers, accounts, orders, customers_accounts, order_accounts, orders_customers }, DEMO_INDEXES.shop);
    }
  }
  const outdated = [...(writeCrm ? [] : [crm].filter((f) => isOutdated(f, CRM_SCHEMA))), ...(writeShop ? [] : [shop].filter((f) => isOutdated(f, SHOP_SCHEMA)))];
  return { created: writeCrm || writeShop, files: [crm, shop], ...(outdated.length > 0 ? { outdated } : {}) };
}
