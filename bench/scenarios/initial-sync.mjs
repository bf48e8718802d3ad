// Initial sync, SQLite <-> SQLite, two-way, contacts + companies: what `syncctl apply --yes`
// does (load and validate the definitions, plan, apply, run the initial sync), end to end,
// through the engine's public API in this process so that its peak RSS is measured here.
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { ensureDataset } from '../data.mjs';
import { distExports, importDist } from '../lib/dist.mjs';
import { writeBenchDefinitions } from '../lib/definitions.mjs';
import { copyInto, makeScratch, removeScratch, sqliteBytes } from '../lib/scratch.mjs';
import { FULL_SIZES, QUICK_SIZES, sizeLabel } from '../lib/sizes.mjs';
import { num } from '../lib/table.mjs';

const ENGINE_API = ['runPendingInitialSyncs', 'runInitialSync'];

function countRows(file, tables) {
  const db = new Database(file, { readonly: true });
  try {
    return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT count(*) AS n FROM ${t}`).get().n]));
  } finally {
    db.close();
  }
}

function sumCounts(reports) {
  const total = { linked: 0, createdHub: 0, createdApp: 0, updatedHub: 0, updatedApp: 0, conflicts: 0, excluded: 0, duplicates: 0, failing: 0 };
  for (const o of reports.flatMap((r) => r.objects)) {
    const c = o.counts;
    total.linked += c.linked;
    total.createdHub += c.created.hub;
    total.createdApp += c.created.app;
    total.updatedHub += c.updated.hub;
    total.updatedApp += c.updated.app;
    total.conflicts += c.conflicts;
    total.excluded += Object.values(c.excluded).reduce((a, b) => a + b, 0);
    total.duplicates += c.duplicates.hub + c.duplicates.app;
    total.failing += Object.values(c.failing).reduce((a, b) => a + (b ?? 0), 0);
  }
  return total;
}

/**
 * Follows the engine's progress events: phase boundaries, how many input records are through,
 * and the budget. Everything happens inside the event (called after each page) because the
 * engine may not yield to the event loop between pages, so timers cannot be relied on.
 */
function progressTracker(started, { report, sampleMemory, budgetMs, stop }) {
  const phases = [];
  const current = new Map();
  let mark = started;
  let lastReport = 0;
  const tracker = {
    phases,
    // Each input record counts once: hub records when indexed, app records when synced
    // (phase 3 revisits hub records from the index; counting them again would inflate the rate).
    recordsDone: () => [...current].reduce((a, [k, n]) => a + (k.endsWith('/index-hub') || k.endsWith('/sync-app') ? n : 0), 0),
    mark(phase) {
      const now = performance.now();
      phases.push({ object: '*', phase, processed: 0, ms: now - mark });
      mark = now;
    },
    onProgress(e) {
      current.set(`${e.object}/${e.phase}`, e.processed);
      sampleMemory();
      const now = performance.now();
      if (now - started > budgetMs && !stop.signal.aborted) stop.abort();
      if (e.done) {
        phases.push({ object: e.object, phase: e.phase, processed: e.processed, ms: now - mark });
        mark = now;
      }
      if (now - lastReport > 1000) {
        lastReport = now;
        const seconds = (now - started) / 1000;
        const recordsDone = tracker.recordsDone();
        report({ recordsDone, seconds, recordsPerSecond: recordsDone / seconds, at: `${e.object}/${e.phase}`, phases: [...phases] });
      }
    },
  };
  return tracker;
}

/**
 * This case's budget: its own, or less when the run's deadline comes first (keeping a margin to
 * report), but never under 10 s: a run already late (a busy machine) still gets a usable figure.
 */
function budgetMs(budgetSeconds, deadline) {
  const own = (budgetSeconds ?? 3600) * 1000;
  return Math.max(Math.min(own, 10_000), Math.min(own, (deadline ?? Infinity) - Date.now() - 20_000));
}

async function runCase({ contacts, seed, dataRoot, budgetSeconds, deadline }, { report, sampleMemory }) {
  const [{ loadDefinitions }, { reconcile, applyPlan }, { openStateStore }, engine, { createLogger }] = await Promise.all(
    ['config/index.js', 'reconcile/index.js', 'store/index.js', 'engine/index.js', 'log/logger.js'].map((p) => importDist(p)),
  );
  const data = await ensureDataset(contacts, seed, dataRoot);
  const records = data.meta.records;
  const dir = makeScratch('initial');
  const log = createWriteStream(join(dir, 'engine.log'));
  // Past its budget the run is stopped between pages (the engine's own stop request) and reported as unfinished.
  const stop = new AbortController();
  const budget = budgetMs(budgetSeconds, deadline);
  try {
    const hubFile = copyInto(dir, data.hub, 'hub.db');
    const appFile = copyInto(dir, data.app, 'app.db');
    const syncsDir = writeBenchDefinitions(dir);
    const statePath = join(dir, 'state', 'state.db');
    const logger = createLogger('info', log);
    const started = performance.now();
    const progress = progressTracker(started, {
      report: (p) => report({ contacts, records, completed: false, ...p }),
      sampleMemory,
      budgetMs: budget,
      stop,
    });

    const load = await loadDefinitions(syncsDir, { phase: 'apply', env: {} });
    if (!load.ok) throw new Error(`the bench definitions are invalid: ${load.problems.map((p) => `${p.code}: ${p.message}`).join('; ')}`);
    const plan = reconcile(load.desired, { connections: {}, syncs: {} }, { allowDelete: false, stateRevision: 0, desiredHash: load.desiredHash });
    const store = await openStateStore(statePath);
    let reports = [];
    let lifecycle;
    let completed = true;
    try {
      await applyPlan(store, plan, { by: 'bench' });
      progress.mark('load+plan+apply');
      reports = await engine.runPendingInitialSyncs({ store, env: {}, logger, onProgress: progress.onProgress, signal: stop.signal });
      lifecycle = (await store.getApplied()).syncs.bench;
    } catch (err) {
      if (err?.code !== 'initial_sync_aborted') throw err;
      completed = false;
    } finally {
      await store.close();
    }
    const seconds = (performance.now() - started) / 1000;
    if (completed && lifecycle?.lifecycle !== 'incremental') throw new Error(`the sync ended ${lifecycle?.lifecycle ?? 'missing'}: ${lifecycle?.detail ?? 'no detail'}`);
    const recordsDone = completed ? records : progress.recordsDone();
    return {
      contacts,
      records,
      completed,
      budgetSeconds: Math.round(budget / 1000),
      recordsDone,
      seconds,
      recordsPerSecond: recordsDone / seconds,
      phases: progress.phases,
      stateBytes: sqliteBytes(statePath),
      counts: sumCounts(reports),
      rowsAfter: { ...countRows(hubFile, ['contacts', 'companies']), ...countRows(appFile, ['customers', 'accounts']) },
    };
  } finally {
    await new Promise((resolve) => log.end(resolve));
    removeScratch(dir);
  }
}

function phaseSummary(phases) {
  // Per phase name, summed over objects: where the time goes at a glance.
  const by = new Map();
  for (const p of phases) by.set(p.phase, (by.get(p.phase) ?? 0) + p.ms);
  return [...by].map(([phase, ms]) => `${phase} ${(ms / 1000).toFixed(1)}s`).join(', ');
}

export default {
  name: 'initial-sync',
  title: 'Initial sync, SQLite <-> SQLite, two-way, contacts + companies (end to end, as apply --yes)',
  summary: 'records of both sides per second end to end, time per phase, peak RSS, state-store size, × the copy floor',
  needs: ['floor'],
  async cases({ quick, seed }) {
    if (!(await distExports('engine/index.js', ENGINE_API))) return { notMeasured: 'engine not built: dist/engine/index.js does not export runPendingInitialSyncs yet' };
    // Budgets keep the whole run inside its time (15 min full, 1 min quick) even when the engine
    // is far from its target (the run's deadline can shorten them further); at the target rate
    // every size finishes well within them.
    const budgets = quick ? { 10_000: 20 } : { 10_000: 60, 100_000: 150, 1_000_000: 600 };
    return (quick ? QUICK_SIZES : FULL_SIZES).map((contacts) => ({
      id: sizeLabel(contacts),
      params: { contacts, seed, budgetSeconds: budgets[contacts] },
      // The budget is checked after each page; a page stuck far past it gets the case killed.
      timeoutSeconds: budgets[contacts] + 60,
    }));
  },
  prepare: ({ contacts, seed, dataRoot }) => ensureDataset(contacts, seed, dataRoot),
  run: runCase,
  derive(cases, results) {
    const floor = new Map((results.floor?.cases ?? []).filter((c) => c.ok).map((c) => [c.id, c.metrics.recordsPerSecond]));
    for (const c of cases) {
      const f = floor.get(c.id);
      if (c.metrics && f !== undefined) c.metrics.timesFloor = f / c.metrics.recordsPerSecond;
    }
  },
  table: (cases) => ({
    headers: ['size', 'records', 'finished', 'seconds', 'records/s', '× floor', 'peak RSS MB', 'peak heap MB', 'max loop stall s', 'state MB', 'linked', 'created h/a', 'updated h/a', 'conflicts', 'excluded', 'failing', 'phases'],
    rows: cases.map((c) => {
      // A case stopped at its budget (or killed at its time limit) still shows how far it got.
      if (!c.metrics) return [c.id, c.status];
      const m = c.metrics;
      const k = m.counts;
      const finished = c.ok && m.completed !== false;
      return [
        c.id,
        num(m.records),
        finished ? 'yes' : `no: ${num(m.recordsDone)} through in ${num(m.seconds)} s (${c.ok ? 'budget' : 'killed'})`,
        num(m.seconds, 1),
        finished ? num(m.recordsPerSecond) : `~${num(m.recordsPerSecond)}`,
        m.timesFloor === undefined ? '–' : `${finished ? '' : '~'}${num(m.timesFloor, 1)}×`,
        num(c.memory?.peakRssMB, 1),
        num(c.memory?.peakHeapUsedMB, 1),
        c.loop ? num(c.loop.maxStallMs / 1000, 1) : '–',
        m.stateBytes === undefined ? '–' : num(m.stateBytes / 2 ** 20, 1),
        num(k?.linked),
        k ? `${num(k.createdHub)}/${num(k.createdApp)}` : '–',
        k ? `${num(k.updatedHub)}/${num(k.updatedApp)}` : '–',
        num(k?.conflicts),
        num(k?.excluded),
        num(k?.failing),
        phaseSummary(m.phases ?? []),
      ];
    }),
  }),
};
