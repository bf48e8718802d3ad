// Deterministic benchmark data: a hub (contacts, companies) and an app (customers, accounts)
// as SQLite files, the same bytes for the same size and seed. Faker (seeded) builds small pools
// of names once; a fast seeded PRNG combines them, because calling Faker per row would take
// minutes at 1M rows. Generated databases are cached under bench/results/data/.
//
//   node bench/data.mjs 100000 [--seed 7]     generate (or find) one dataset and print its summary
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { DATA_DIR } from './lib/paths.mjs';
import { appEntities, appId, buildPools, company, hash32, isoAt, person, pick, prng, variantEmail, variantWebsite } from './lib/data-values.mjs';

/** Bump when the generated rows change: cached datasets of another version are not reused. */
export const GENERATOR_VERSION = 2;
export const DEFAULT_SEED = 20240115;
export { DATA_DIR };

/** Shares of the mix (issue 7): half matched, 1% duplicates, 2% without email, 10% conflicts. */
export const MIX = { matched: 0.5, duplicates: 0.01, noEmail: 0.02, conflicts: 0.1, emptyOnApp: 0.05, variantCase: 0.1 };

const INSERT_BATCH = 50_000;

export const HUB_SCHEMA = `
CREATE TABLE contacts (id INTEGER PRIMARY KEY, email TEXT, firstname TEXT, lastname TEXT, phone TEXT, lifecyclestage TEXT, updated_at TEXT NOT NULL);
CREATE TABLE companies (id INTEGER PRIMARY KEY, name TEXT, domain TEXT, industry TEXT, updated_at TEXT NOT NULL);`;
export const APP_SCHEMA = `
CREATE TABLE customers (id TEXT PRIMARY KEY, email_address TEXT, first_name TEXT, last_name TEXT, phone TEXT, updated_at TEXT NOT NULL);
CREATE TABLE accounts (id TEXT PRIMARY KEY, company_name TEXT, website TEXT, sector TEXT, updated_at TEXT NOT NULL);`;
// Created after the rows are in (one sort instead of a million B-tree inserts).
const HUB_INDEXES = ['CREATE INDEX contacts_updated_at_id ON contacts (updated_at, id)', 'CREATE INDEX companies_updated_at_id ON companies (updated_at, id)'];
const APP_INDEXES = ['CREATE INDEX customers_updated_at_id ON customers (updated_at, id)', 'CREATE INDEX accounts_updated_at_id ON accounts (updated_at, id)'];

/** Companies per size: 10% of contacts (100k at 1M). */
export function companiesFor(contacts) {
  return Math.max(1, Math.round(contacts / 10));
}

// Many rows per statement: one native call per 100 rows instead of per row.
const ROWS_PER_STATEMENT = 100;

function insertRows(db, sql, total, rowAt) {
  const columns = sql.slice(sql.indexOf('(') + 1, sql.indexOf(')')).split(',').length;
  const tuple = `(${new Array(columns).fill('?').join(', ')})`;
  const head = sql.slice(0, sql.indexOf('VALUES') + 'VALUES'.length);
  const many = db.prepare(`${head} ${new Array(ROWS_PER_STATEMENT).fill(tuple).join(', ')}`);
  const one = db.prepare(sql);
  const batch = db.transaction((from, to) => {
    let i = from;
    for (; i + ROWS_PER_STATEMENT <= to; i += ROWS_PER_STATEMENT) {
      const params = [];
      for (let k = i; k < i + ROWS_PER_STATEMENT; k++) params.push(...rowAt(k));
      many.run(params);
    }
    for (; i < to; i++) one.run(rowAt(i));
  });
  for (let from = 0; from < total; from += INSERT_BATCH) batch(from, Math.min(total, from + INSERT_BATCH));
}

function writeContacts(hub, app, pools, n, rand, stats) {
  const matched = new Uint8Array(n);
  const hubEmails = [];
  insertRows(hub, 'INSERT INTO contacts (id, email, firstname, lastname, phone, lifecyclestage, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)', n, (i) => {
    const p = person(pools, i);
    if (rand() < MIX.matched) matched[i] = 1;
    let email = p.email;
    if (rand() < MIX.noEmail) {
      email = null;
      stats.hubNoEmail++;
    } else if (i > 0 && rand() < MIX.duplicates) {
      email = variantEmail(hubEmails[Math.floor(rand() * hubEmails.length)], rand);
      stats.hubDuplicates++;
    }
    if (email !== null && hubEmails.length < 100_000) hubEmails.push(email.trim().toLowerCase());
    const phone = rand() < 0.1 ? null : p.phone;
    return [i + 1, email, p.first, p.last, phone, pick(pools.stages, hash32(i, 6)), isoAt(rand)];
  });
  const entities = appEntities(n, matched, rand);
  const appEmails = [];
  insertRows(app, 'INSERT INTO customers (id, email_address, first_name, last_name, phone, updated_at) VALUES (?, ?, ?, ?, ?, ?)', n, (i) => {
    const e = entities[i];
    const p = person(pools, e);
    const isMatch = e < n;
    let email = isMatch && rand() < MIX.variantCase ? variantEmail(p.email, rand) : p.email;
    let first = p.first;
    let phone = p.phone;
    if (isMatch) {
      stats.matchedContacts++;
      if (rand() < MIX.conflicts) {
        stats.contactConflicts++;
        if (rand() < 0.5) first = pick(pools.first, hash32(e, 21));
        else phone = `+44 20 ${String(hash32(e, 22) % 100_000_000).padStart(8, '0')}`;
      } else if (rand() < MIX.emptyOnApp) phone = null;
    }
    if (rand() < MIX.noEmail) {
      email = null;
      stats.appNoEmail++;
    } else if (i > 0 && rand() < MIX.duplicates) {
      email = appEmails[Math.floor(rand() * appEmails.length)];
      stats.appDuplicates++;
    }
    if (email !== null && appEmails.length < 100_000) appEmails.push(email);
    return [appId(rand, i), email, first, p.last, phone, isoAt(rand)];
  });
}

function writeCompanies(hub, app, pools, m, rand, stats) {
  const matched = new Uint8Array(m);
  const hubNames = [];
  insertRows(hub, 'INSERT INTO companies (id, name, domain, industry, updated_at) VALUES (?, ?, ?, ?, ?)', m, (i) => {
    const c = company(pools, i);
    if (rand() < MIX.matched) matched[i] = 1;
    let name = c.name;
    let domain = c.domain;
    if (rand() < MIX.noEmail) domain = null;
    if (i > 0 && rand() < MIX.duplicates) {
      name = hubNames[Math.floor(rand() * hubNames.length)];
      domain = null;
      stats.hubCompanyDuplicates++;
    }
    if (hubNames.length < 100_000) hubNames.push(name);
    return [i + 1, name, domain, c.industry, isoAt(rand)];
  });
  const entities = appEntities(m, matched, rand);
  const appNames = [];
  insertRows(app, 'INSERT INTO accounts (id, company_name, website, sector, updated_at) VALUES (?, ?, ?, ?, ?)', m, (i) => {
    const e = entities[i];
    const c = company(pools, e);
    const isMatch = e < m;
    let name = isMatch && rand() < MIX.variantCase ? c.name.toUpperCase() : c.name;
    let website = variantWebsite(c.domain, rand);
    let sector = c.industry;
    if (isMatch) {
      stats.matchedCompanies++;
      if (rand() < MIX.conflicts) {
        sector = pick(pools.industries, hash32(e, 31));
        stats.companyConflicts++;
      } else if (rand() < MIX.emptyOnApp) sector = null;
    }
    if (rand() < MIX.noEmail) website = null;
    if (i > 0 && rand() < MIX.duplicates) {
      name = appNames[Math.floor(rand() * appNames.length)];
      website = null;
      stats.appCompanyDuplicates++;
    }
    if (appNames.length < 100_000) appNames.push(name);
    return [appId(rand, i), name, website, sector, isoAt(rand)];
  });
}

function openForWrite(file, schema) {
  rmSync(file, { force: true });
  const db = new Database(file);
  // Generation only: a crash leaves a partial directory that is never renamed into the cache.
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  db.exec(schema);
  return db;
}

function finish(db, indexes) {
  for (const sql of indexes) db.exec(sql);
  db.pragma('journal_mode = DELETE');
  db.close();
}

/** Writes hub.db and app.db for `contacts` into `dir`; returns what was generated. */
export async function generateDataset(dir, contacts, seed = DEFAULT_SEED) {
  const started = performance.now();
  const pools = await buildPools(seed);
  const rand = prng(seed);
  const companies = companiesFor(contacts);
  const stats = { hubNoEmail: 0, hubDuplicates: 0, appNoEmail: 0, appDuplicates: 0, matchedContacts: 0, contactConflicts: 0, hubCompanyDuplicates: 0, appCompanyDuplicates: 0, matchedCompanies: 0, companyConflicts: 0 };
  mkdirSync(dir, { recursive: true });
  const hub = openForWrite(join(dir, 'hub.db'), HUB_SCHEMA);
  const app = openForWrite(join(dir, 'app.db'), APP_SCHEMA);
  try {
    writeContacts(hub, app, pools, contacts, rand, stats);
    writeCompanies(hub, app, pools, companies, rand, stats);
    finish(hub, HUB_INDEXES);
    finish(app, APP_INDEXES);
  } catch (err) {
    if (hub.open) hub.close();
    if (app.open) app.close();
    throw err;
  }
  const meta = {
    generatorVersion: GENERATOR_VERSION,
    seed,
    rows: { hub: { contacts, companies }, app: { customers: contacts, accounts: companies } },
    records: 2 * (contacts + companies),
    mix: MIX,
    stats,
    generatedInSeconds: Math.round((performance.now() - started) / 10) / 100,
  };
  writeFileSync(join(dir, 'meta.json'), `${JSON.stringify(meta, null, 2)}\n`);
  return meta;
}

/** The cached dataset for `contacts` and `seed`, generated on first use. */
export async function ensureDataset(contacts, seed = DEFAULT_SEED, root = DATA_DIR) {
  const dir = join(root, `v${GENERATOR_VERSION}-seed${seed}-contacts${contacts}`);
  const paths = { dir, hub: join(dir, 'hub.db'), app: join(dir, 'app.db') };
  if (existsSync(join(dir, 'meta.json'))) {
    return { ...paths, meta: JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')), cached: true };
  }
  // Built beside the cache and renamed in: an interrupted run never leaves a half dataset behind.
  const partial = `${dir}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  const meta = await generateDataset(partial, contacts, seed);
  rmSync(dir, { recursive: true, force: true });
  renameSync(partial, dir);
  return { ...paths, meta, cached: false };
}

async function main(argv) {
  const contacts = Number(argv[0] ?? 10_000);
  const seedAt = argv.indexOf('--seed');
  const seed = seedAt >= 0 ? Number(argv[seedAt + 1]) : DEFAULT_SEED;
  if (!Number.isInteger(contacts) || contacts < 1 || !Number.isInteger(seed)) {
    console.error('usage: node bench/data.mjs CONTACTS [--seed N]   (CONTACTS and N whole numbers, e.g. 100000)');
    process.exitCode = 1;
    return;
  }
  const started = performance.now();
  const dataset = await ensureDataset(contacts, seed);
  console.log(`${dataset.cached ? 'cached' : 'generated'} ${dataset.dir} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  console.log(JSON.stringify(dataset.meta.stats));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main(process.argv.slice(2));
