// "N contacts indexed and linked": the hub, the app and the state store as they stand after an
// initial sync and a catch-up poll, built through the engine's public API (apply, then the
// initial sync, then incremental polls) on the bench dataset. The incremental and export
// scenarios start from a copy of it. Building it at 1M takes minutes today, so the result is
// cached under bench/results/indexed/, keyed by dataset version, seed, size and a hash of the
// built code that decides what the files hold (a stale cache is never used). A build stopped at
// its budget is kept as `<key>.partial/` and resumed by the next run: the initial sync resumes
// from its checkpoints (as it would after a crash), so the files are the same as those of an
// uninterrupted build.
import { createHash } from 'node:crypto';
import { copyFileSync, createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { GENERATOR_VERSION, ensureDataset } from '../data.mjs';
import { connectionsYaml, syncYaml } from './definitions.mjs';
import { importDist } from './dist.mjs';
import { RESULTS_DIR } from './paths.mjs';
import { copyFlushed } from './scratch.mjs';

/** Bump when what a build does changes (definitions, catch-up, pairs): older caches are rebuilt. */
export const INDEXED_VERSION = 1;
export const INDEXED_DIR = join(RESULTS_DIR, 'indexed');
export const SYNC_NAME = 'bench';
/** Linked contact pairs recorded per build: enough for every edit a case makes (warm-up, polls, convergence, pushes). */
export const PAIRS = 4000;

// The built code whose changes can change the files a build leaves: the engine, the state store,
// the SQLite connector and the connector registry, the config and reconcile layers (definition
// hashes) and what they share. [folder, with its subfolders?]
const HASHED_DIST_DIRS = [
  ['engine', true],
  ['store', true],
  ['connectors/sqlite', true],
  ['connectors', false],
  ['config', true],
  ['reconcile', true],
  ['errors', true],
  ['util', true],
];
const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));

// The connection paths are environment references: the stored definitions then hold the
// reference, not a path, so a copy of the files anywhere runs with the same (unchanged) definitions.
const HUB_ENV = 'SYNCCTL_BENCH_HUB';
const APP_ENV = 'SYNCCTL_BENCH_APP';

function listFiles(dir, recursive) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.js'))
    .map((e) => join(e.parentPath ?? e.path, e.name));
}

/** A short hash of the built code that decides a build's files (paths and contents, in a stable order). */
export function engineHash(distDir = DIST) {
  const h = createHash('sha256');
  const files = HASHED_DIST_DIRS.flatMap(([d, recursive]) => listFiles(join(distDir, d), recursive)).sort();
  for (const file of files) {
    h.update(relative(distDir, file));
    h.update('\0');
    h.update(readFileSync(file));
    h.update('\0');
  }
  return h.digest('hex').slice(0, 12);
}

/** The cache key of one indexed state. */
export function indexedKey(contacts, seed, hash) {
  return `v${GENERATOR_VERSION}.${INDEXED_VERSION}-seed${seed}-contacts${contacts}-${hash}`;
}

/** The files of an indexed state in `dir`. */
export function indexedFiles(dir) {
  return { hub: join(dir, 'hub.db'), app: join(dir, 'app.db'), state: join(dir, 'state.db'), syncs: join(dir, 'syncs'), meta: join(dir, 'meta.json') };
}

/** The environment that points the bench connections at the files in `dir`. */
export function indexedEnv(dir) {
  const f = indexedFiles(dir);
  return { [HUB_ENV]: f.hub, [APP_ENV]: f.app };
}

/** Writes the definitions (one sync of contacts and companies, hub wins) into `dir`/syncs. */
export function writeIndexedDefinitions(dir) {
  const { syncs } = indexedFiles(dir);
  mkdirSync(syncs, { recursive: true });
  writeFileSync(join(syncs, 'bench.yaml'), `${connectionsYaml(`\${env:${HUB_ENV}}`, `\${env:${APP_ENV}}`)}---\n${syncYaml(SYNC_NAME)}`);
  return syncs;
}

/**
 * Copies the files of a state (SQLite side files included) from one directory into another,
 * flushed to disk (copyFlushed): at 1M the copy is gigabytes, whose writeback the measured
 * polls' commits would otherwise wait for.
 */
export function copyIndexedState(from, to, which = ['hub', 'app', 'state']) {
  mkdirSync(to, { recursive: true });
  const src = indexedFiles(from);
  const dst = indexedFiles(to);
  for (const k of which) {
    for (const suffix of ['', '-wal']) {
      if (!existsSync(src[k] + suffix)) continue;
      copyFlushed(src[k] + suffix, dst[k] + suffix);
    }
  }
  writeIndexedDefinitions(to);
  return dst;
}

/** The completed, current indexed state for `contacts` and `seed`, or undefined. */
export function findIndexedState(contacts, seed, root = INDEXED_DIR) {
  const dir = join(root, indexedKey(contacts, seed, engineHash()));
  const { meta } = indexedFiles(dir);
  if (!existsSync(meta)) return undefined;
  return { dir, meta: JSON.parse(readFileSync(meta, 'utf8')) };
}

/**
 * A build's budget: its own, or less when the run's deadline (less what the scenarios after it
 * need) comes first, but never under 10 s.
 */
export function buildBudgetMs(ownSeconds, deadline, reserveSeconds = 0, now = Date.now()) {
  const own = ownSeconds * 1000;
  if (deadline === undefined || deadline === null) return own;
  return Math.max(Math.min(own, 10_000), Math.min(own, deadline - now - reserveSeconds * 1000));
}

// Only one process builds a given state: the lock holds the builder's pid.
function takeLock(partial) {
  const lock = join(partial, 'build.lock');
  if (existsSync(lock)) {
    const pid = Number(readFileSync(lock, 'utf8'));
    let alive = false;
    try {
      process.kill(pid, 0);
      alive = pid !== process.pid;
    } catch {
      alive = false;
    }
    if (alive) return { ok: false, pid };
  }
  writeFileSync(lock, String(process.pid));
  return { ok: true, release: () => rmSync(lock, { force: true }) };
}

// Caches of the same seed and size built by older code are dead weight (a 1M one is gigabytes).
function pruneStale(root, contacts, seed, keep) {
  if (!existsSync(root)) return;
  const prefix = `v`;
  const marker = `-seed${seed}-contacts${contacts}-`;
  for (const name of readdirSync(root)) {
    if (!name.startsWith(prefix) || !name.includes(marker)) continue;
    if (name === keep || name === `${keep}.partial`) continue;
    rmSync(join(root, name), { recursive: true, force: true });
  }
}

function readJson(file, fallback) {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : fallback;
}

/** Rows per table of the two apps (what the build left). */
async function countApps(files) {
  const { default: Database } = await import('better-sqlite3');
  const count = (file, tables) => {
    const db = new Database(file, { readonly: true });
    try {
      return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT count(*) AS n FROM ${t}`).get().n]));
    } finally {
      db.close();
    }
  };
  return { ...count(files.hub, ['contacts', 'companies']), ...count(files.app, ['customers', 'accounts']) };
}

/**
 * Linked contact pairs, spread over the index: hub rows in sync with a partner, every k-th one
 * (read through the health view's record listing, as `syncctl records` reads them).
 */
async function pickPairs(statePath, wanted) {
  const { openHealthState } = await importDist('health/index.js');
  const state = await openHealthState(statePath);
  try {
    const health = await state.query.objectHealth(SYNC_NAME, 'contacts');
    const inSync = health.sides.hub.counts['in-sync'];
    const step = Math.max(1, Math.floor(inSync / wanted));
    const pairs = [];
    let i = 0;
    for await (const r of state.query.records({ sync: SYNC_NAME, objects: ['contacts'], sides: ['hub'], statuses: ['in-sync'] }, { pageSize: 5000 })) {
      if (r.partnerId !== null && i++ % step === 0) pairs.push([r.id, r.partnerId]);
      if (pairs.length >= wanted) break;
    }
    const rows = {};
    for (const object of await state.query.indexedObjects(SYNC_NAME)) {
      const h = await state.query.objectHealth(SYNC_NAME, object);
      for (const side of ['hub', 'app']) rows[`${object}/${side}`] = Object.values(h.sides[side].counts).reduce((a, b) => a + b, 0);
    }
    return { pairs, indexRows: rows };
  } finally {
    await state.close();
  }
}

/**
 * The engine's incremental API on an open state: what `syncctl run` does per pass, with the
 * connectors and record index the runner would build. Returns `pass(trigger)` and `close()`.
 */
export async function openIncremental(dir, { logger, store: openStore } = {}) {
  const [{ openStateStore }, { openConnector }, { runIncrementalPass }, { SqliteRecordIndex }] = await Promise.all(
    ['store/index.js', 'engine/index.js', 'engine/incremental/index.js', 'store/sqlite/record-index.js'].map((p) => importDist(p)),
  );
  const files = indexedFiles(dir);
  const env = indexedEnv(dir);
  const store = openStore ?? (await openStateStore(files.state));
  const applied = await store.getApplied();
  const sync = applied.syncs[SYNC_NAME]?.definition;
  if (!sync) throw new Error(`the state at ${files.state} has no sync named ${SYNC_NAME}`);
  const hub = openConnector(applied.connections[sync.hub].definition, env);
  const app = openConnector(applied.connections[sync.app].definition, env);
  // As the runner builds it (src/runner/runner.ts): the record index on the state's own database.
  const index = new SqliteRecordIndex(store.database, store.location);
  return {
    store,
    lifecycle: applied.syncs[SYNC_NAME].lifecycle,
    pass: (trigger, signal) => runIncrementalPass({ sync, hub, app, index, logger, trigger, ...(signal ? { signal } : {}) }),
    async close() {
      await Promise.all([hub.close(), app.close()]);
      if (!openStore) await store.close();
    },
  };
}

const sumSeen = (report) => report.objects.reduce((n, o) => n + o.seen.hub + o.seen.app, 0);

/**
 * Polls until a pass is caught up and sees nothing new. The first poll after an initial sync
 * reads everything written since it began (the engine's own writes, which compare equal), so
 * that this cost is paid here, once, and not by the first measured poll.
 */
async function catchUp(inc, signal, maxPasses = 200) {
  let passes = 0;
  let seen = 0;
  let failures = 0;
  while (passes < maxPasses && !signal.aborted) {
    let report;
    try {
      report = await inc.pass({ kind: 'poll' }, signal);
    } catch (err) {
      if (signal.aborted) break;
      throw err;
    }
    passes++;
    seen += sumSeen(report);
    failures = report.failures;
    if (report.caughtUp && sumSeen(report) === 0) return { passes, seen, failures, done: true };
  }
  return { passes, seen, failures, done: false };
}

/**
 * Finds or builds the indexed state for `contacts` and `seed`. Resolves to
 * { ready: true, dir, meta, builtNow } or, when the build stopped at its budget (or another
 * process is building it), { ready: false, reason, build }.
 */
export async function ensureIndexedState({ contacts, seed, budgetMs, onProgress = () => {}, root = INDEXED_DIR, dataRoot }) {
  const hash = engineHash();
  const key = indexedKey(contacts, seed, hash);
  const dir = join(root, key);
  if (existsSync(join(dir, 'meta.json'))) return { ready: true, dir, meta: JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')), builtNow: false };

  const partial = `${dir}.partial`;
  mkdirSync(partial, { recursive: true });
  const lock = takeLock(partial);
  if (!lock.ok) return { ready: false, reason: `another bench process (pid ${lock.pid}) is building the ${key} state`, build: {} };
  const [{ loadDefinitions }, { reconcile, applyPlan }, { openStateStore, currentStateFromApplied }, engine, { createLogger }] = await Promise.all(
    ['config/index.js', 'reconcile/index.js', 'store/index.js', 'engine/index.js', 'log/logger.js'].map((p) => importDist(p)),
  );
  const log = createWriteStream(join(partial, 'build.log'), { flags: 'a' });
  let logEnded;
  const endLog = () => (logEnded ??= new Promise((resolve) => log.end(resolve)));
  const logger = createLogger('warn', log);
  const progressFile = join(partial, 'build.json');
  const build = readJson(progressFile, { key, runs: 0, seconds: 0, phase: 'new', at: null });
  const files = indexedFiles(partial);
  const env = indexedEnv(partial);
  const started = performance.now();
  const stop = new AbortController();
  const overBudget = () => {
    if (!stop.signal.aborted && performance.now() - started > budgetMs) stop.abort();
    return stop.signal.aborted;
  };
  // The budget is checked when the engine reports progress (it may not yield between pages)
  // and by a timer between them (catch-up polls).
  const timer = setInterval(overBudget, 250);
  timer.unref();
  const save = (fields) => {
    Object.assign(build, fields, { seconds: build.seconds + (performance.now() - started) / 1000 });
    writeFileSync(progressFile, `${JSON.stringify(build, null, 2)}\n`);
  };
  try {
    if (build.phase === 'new') {
      pruneStale(root, contacts, seed, key);
      const data = await ensureDataset(contacts, seed, dataRoot);
      copyFileSync(data.hub, files.hub);
      copyFileSync(data.app, files.app);
      rmSync(files.state, { force: true });
      rmSync(`${files.state}-wal`, { force: true });
      writeIndexedDefinitions(partial);
      build.dataset = { records: data.meta.records, rows: data.meta.rows };
      build.phase = 'initial-sync';
    }
    build.runs += 1;
    let store = await openStateStore(files.state);
    try {
      if (build.phase === 'initial-sync') {
        const applied = await store.getApplied();
        if (!applied.syncs[SYNC_NAME]) {
          const load = await loadDefinitions(files.syncs, { phase: 'apply', env });
          if (!load.ok) throw new Error(`the bench definitions are invalid: ${load.problems.map((p) => `${p.code}: ${p.message}`).join('; ')}`);
          const plan = reconcile(load.desired, currentStateFromApplied(applied), { allowDelete: false, stateRevision: applied.revision, desiredHash: load.desiredHash });
          await applyPlan(store, plan, { by: 'bench' });
        }
        let where = '';
        try {
          await engine.runPendingInitialSyncs({
            store,
            env,
            logger,
            signal: stop.signal,
            onProgress: (e) => {
              where = `${e.object}/${e.phase} ${e.processed}`;
              onProgress({ stage: 'initial-sync', at: where });
              overBudget();
            },
          });
        } catch (err) {
          if (err?.code !== 'initial_sync_aborted') throw err;
          save({ phase: 'initial-sync', at: where });
          return { ready: false, reason: `its initial sync stopped at its budget (${Math.round(budgetMs / 1000)} s this run; ${Math.round(build.seconds)} s over ${build.runs} run(s) so far, at ${where}); the next run resumes it`, build };
        }
        const lifecycle = (await store.getApplied()).syncs[SYNC_NAME];
        if (lifecycle?.lifecycle !== 'incremental') throw new Error(`the bench sync ended ${lifecycle?.lifecycle ?? 'missing'} after its initial sync: ${lifecycle?.detail ?? 'no detail'}`);
        build.initialSyncSeconds = build.seconds + (performance.now() - started) / 1000;
        build.phase = 'catch-up';
      }
      if (build.phase === 'catch-up') {
        onProgress({ stage: 'catch-up' });
        const inc = await openIncremental(partial, { logger, store });
        let caught;
        try {
          caught = await catchUp(inc, stop.signal);
        } finally {
          await inc.close();
        }
        if (!caught.done) {
          save({ phase: 'catch-up', at: `catch-up poll, ${caught.seen} changes seen` });
          return { ready: false, reason: `its catch-up poll after the initial sync stopped at its budget (${Math.round(build.seconds)} s over ${build.runs} run(s) so far); the next run resumes it`, build };
        }
        build.catchUp = { passes: caught.passes, seen: caught.seen, failures: caught.failures };
        build.phase = 'pairs';
      }
    } finally {
      await store.close();
      store = undefined;
    }
    const { pairs, indexRows } = await pickPairs(files.state, PAIRS);
    if (pairs.length < 100) throw new Error(`only ${pairs.length} linked contact pairs in the index; the bench needs linked pairs to edit`);
    const meta = {
      key,
      version: INDEXED_VERSION,
      engineHash: hash,
      contacts,
      seed,
      builtAt: new Date().toISOString(),
      buildSeconds: Math.round((build.seconds + (performance.now() - started) / 1000) * 10) / 10,
      initialSyncSeconds: build.initialSyncSeconds === undefined ? null : Math.round(build.initialSyncSeconds * 10) / 10,
      buildRuns: build.runs,
      catchUp: build.catchUp ?? null,
      rows: await countApps(files),
      indexRows,
      stateMB: Math.round((statSync(files.state).size / 2 ** 20) * 10) / 10,
      pairs,
    };
    writeFileSync(files.meta, `${JSON.stringify(meta)}\n`);
    lock.release();
    rmSync(progressFile, { force: true });
    await endLog();
    renameSync(partial, dir);
    return { ready: true, dir, meta, builtNow: true };
  } finally {
    clearInterval(timer);
    await endLog();
    if (existsSync(partial)) lock.release();
  }
}
