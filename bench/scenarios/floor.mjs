// The floor: the initial sync's rows copied by SQLite itself, with no engine at all. Each side's
// rows are inserted into a fresh copy of the other side's database with one INSERT … SELECT per
// table from the ATTACHed source, one transaction per direction. The copy runs twice: with
// SQLite's default page cache (about 2 MB, as the SQLite connector opens an app's file), and with
// a page cache of BIG_CACHE_MB, which at 1M made the same copy 1.4–1.7× as fast in our runs (the
// inserts land all over the apps' indexes). The floor is the faster of the two: what syncctl reads and
// writes cannot go faster than that on the same disk; initial-sync reports its rate as a
// multiple of it.
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { ensureDataset } from '../data.mjs';
import { FULL_SIZES, QUICK_SIZES, sizeLabel } from '../lib/sizes.mjs';
import { copyInto, makeScratch, removeScratch } from '../lib/scratch.mjs';
import { num } from '../lib/table.mjs';

const TO_HUB = [
  `INSERT INTO contacts (email, firstname, lastname, phone, updated_at) SELECT email_address, first_name, last_name, phone, updated_at FROM src.customers`,
  `INSERT INTO companies (name, domain, industry, updated_at) SELECT company_name, website, sector, updated_at FROM src.accounts`,
];
const TO_APP = [
  // Hub ids are integers; the app's are text, so each copied row gets a text id of its own.
  `INSERT INTO customers (id, email_address, first_name, last_name, phone, updated_at) SELECT 'hub-' || id, email, firstname, lastname, phone, updated_at FROM src.contacts`,
  `INSERT INTO accounts (id, company_name, website, sector, updated_at) SELECT 'hub-' || id, name, domain, industry, updated_at FROM src.companies`,
];

/** The big page cache (MB): measured at 1M, 64, 256 and 1,024 MB copy equally fast. */
const BIG_CACHE_MB = 256;

function copyDirection(target, source, statements, cacheMB) {
  const db = new Database(target);
  try {
    if (cacheMB !== undefined) db.pragma(`cache_size = -${cacheMB * 1024}`);
    db.prepare('ATTACH DATABASE ? AS src').run(source);
    const started = performance.now();
    let rows = 0;
    db.transaction(() => {
      for (const sql of statements) rows += db.prepare(sql).run().changes;
    })();
    return { rows, ms: performance.now() - started };
  } finally {
    db.close();
  }
}

/** Both directions, each into a fresh copy of the pristine cached files (which are only read). */
function copyBothWays(data, cacheMB) {
  const dir = makeScratch('floor');
  try {
    const hub = copyInto(dir, data.hub, 'hub.db');
    const app = copyInto(dir, data.app, 'app.db');
    const toHub = copyDirection(hub, data.app, TO_HUB, cacheMB);
    const toApp = copyDirection(app, data.hub, TO_APP, cacheMB);
    const seconds = (toHub.ms + toApp.ms) / 1000;
    const records = toHub.rows + toApp.rows;
    return { records, seconds, recordsPerSecond: records / seconds, toHubMs: toHub.ms, toAppMs: toApp.ms };
  } finally {
    removeScratch(dir);
  }
}

export default {
  name: 'floor',
  title: 'SQLite copy floor (INSERT … SELECT between attached databases)',
  summary: 'the same rows as the initial sync, copied by SQLite itself, with the default and with a big page cache: the faster is the fastest any engine could go here',
  cases: ({ quick, seed }) => (quick ? QUICK_SIZES : FULL_SIZES).map((contacts) => ({ id: sizeLabel(contacts), params: { contacts, seed }, timeoutSeconds: 300 })),
  prepare: ({ contacts, seed, dataRoot }) => ensureDataset(contacts, seed, dataRoot),
  async run({ contacts, seed, dataRoot }) {
    const data = await ensureDataset(contacts, seed, dataRoot);
    const plain = copyBothWays(data);
    const big = copyBothWays(data, BIG_CACHE_MB);
    const floor = big.recordsPerSecond >= plain.recordsPerSecond ? big : plain;
    return {
      contacts,
      ...floor,
      // The default is 2,000 KiB (cache_size -2000).
      cacheMB: floor === big ? BIG_CACHE_MB : 2,
      defaultCache: { seconds: plain.seconds, recordsPerSecond: plain.recordsPerSecond },
      bigCache: { cacheMB: BIG_CACHE_MB, seconds: big.seconds, recordsPerSecond: big.recordsPerSecond },
    };
  },
  table: (cases) => ({
    headers: ['size', 'records', 'seconds', 'records/s (floor)', 'page cache', 'app→hub ms', 'hub→app ms', 'records/s, default cache', `records/s, ${BIG_CACHE_MB} MB cache`, 'peak RSS MB'],
    rows: cases.map((c) =>
      c.ok
        ? [
            c.id,
            num(c.metrics.records),
            num(c.metrics.seconds, 2),
            num(c.metrics.recordsPerSecond),
            `${c.metrics.cacheMB} MB`,
            num(c.metrics.toHubMs),
            num(c.metrics.toAppMs),
            num(c.metrics.defaultCache?.recordsPerSecond),
            num(c.metrics.bigCache?.recordsPerSecond),
            num(c.memory.peakRssMB, 1),
          ]
        : [c.id, c.status, '', '', '', '', '', '', '', ''],
    ),
  }),
};
