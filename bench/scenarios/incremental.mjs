// Incremental sync with N contacts indexed and linked (a copy of the cached indexed state,
// bench/lib/indexed-state.mjs): what happens after the initial sync, measured three ways.
//   - Poll cost: 100 changes (50 per side), one poll pass through the engine's incremental API
//     (what `syncctl run` does per poll), median of a few rounds; at 100k and 1M it must not grow.
//     Measured twice: as the state stands after the initial sync (companies not changed since:
//     each poll re-reads the companies the initial sync wrote in the 2-minute overlap before that
//     object's cursor), and "steady", after one company row per side was touched so that every
//     object's cursor has moved past the initial sync.
//   - Convergence (steady): 1,000 records changed on each side, poll passes until both apps hold
//     the merged values (checked by reading the apps after each pass; the reading is not timed).
//   - Push latency: a real `syncctl run` process; single edits one after another, a pause of
//     0.2-1.2 s between them (as a person makes them, so that the runner's own file-watch polls
//     run in between); each written to an app's SQLite file and announced on POST
//     /hooks/<connection>; the time until the other app's row holds the value.
// Targets (1M): convergence < 2 s; poll cost at 1M within ±50% of 100k; push p95 < 1 s.
// bench/targets.mjs reads cases '100k' and '1M': metrics.pollMs, metrics.convergeMs and
// metrics.pushP95Ms, or metrics.measured === false with metrics.reason.
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ensureDataset } from '../data.mjs';
import { EDIT_TARGETS, editPlanner, openApps } from '../lib/app-edits.mjs';
import { distExports, importDist } from '../lib/dist.mjs';
import { SYNC_NAME, buildBudgetMs, copyIndexedState, ensureIndexedState, indexedEnv, openIncremental } from '../lib/indexed-state.mjs';
import { startRunner, waitForIdleWorker } from '../lib/runner-process.mjs';
import { makeScratch, removeScratch } from '../lib/scratch.mjs';
import { latencySummary } from '../lib/latency.mjs';
import { sizeLabel } from '../lib/sizes.mjs';
import { median } from '../lib/stats.mjs';
import { num } from '../lib/table.mjs';

/** Seconds a state build leaves to the scenarios after it (the initial sync's cases). */
const RESERVE_AFTER = { quick: 15, full: 240 };
// The export scenario (before this one) builds the states; these budgets resume a build it left
// unfinished (bench/lib/indexed-state.mjs), or build when it did not run (--only incremental).
// quick: no time to wait out the poll overlap after a fresh build (see runCase): its figures may
// include re-reading the build's writes, and say so.
const SETTINGS = {
  quick: { sizes: [10_000], buildSeconds: { 10_000: 25 }, pollRounds: 3, pushEdits: 10, pauseMs: [100, 400], settle: false },
  full: { sizes: [100_000, 1_000_000], buildSeconds: { 100_000: 240, 1_000_000: 180 }, pollRounds: 5, pushEdits: 50, pauseMs: [200, 1200], settle: true },
};
const CONVERGE_PER_SIDE = 1000;
const POLL_CHANGES = 100;
const MAX_PASSES = 30;
/** An edit not seen on the other side within this long counts as lost (and as this long). */
const PUSH_TIMEOUT_MS = 10_000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const seenOf = (report) => report.objects.reduce((n, o) => n + o.seen.hub + o.seen.app, 0);
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/**
 * One timed poll pass: wall ms, and the process's CPU ms over it (this process does nothing else
 * meanwhile, so on a machine shared with other work the CPU figure tells the engine's own cost).
 */
async function timedPoll(inc) {
  const t = performance.now();
  const c = cpuMs();
  const report = await inc.pass({ kind: 'poll' });
  return { report, ms: performance.now() - t, cpuMs: cpuMs() - c };
}

/**
 * Poll passes until every edit has arrived (read from the apps after each pass). Returns the
 * time spent in passes (not in the checks), the passes, and changes the engine reported seen.
 */
async function pollUntilArrived(inc, apps, edits) {
  let ms = 0;
  let cpu = 0;
  let seen = 0;
  const passes = [];
  for (let i = 0; i < MAX_PASSES; i++) {
    const p = await timedPoll(inc);
    ms += p.ms;
    cpu += p.cpuMs;
    seen += seenOf(p.report);
    passes.push({ ms: p.ms, cpuMs: p.cpuMs, seen: seenOf(p.report), caughtUp: p.report.caughtUp, failures: p.report.failures });
    if (apps.notArrived(edits).length === 0) return { ms, cpuMs: cpu, seen, passes };
  }
  const missing = apps.notArrived(edits);
  throw new Error(`${missing.length} of ${edits.length} edits had not arrived after ${MAX_PASSES} poll passes (first: ${JSON.stringify(missing[0])})`);
}

async function measurePolls(inc, apps, planner, rounds) {
  const out = [];
  for (let r = 0; r < rounds; r++) {
    const edits = planner.take(POLL_CHANGES / 2, POLL_CHANGES / 2);
    apps.edit(edits);
    const { report, ms, cpuMs: cpu } = await timedPoll(inc);
    // One pass must carry all 100; if it did not, the round says so (and the rest is pulled through untimed).
    const missing = apps.notArrived(edits).length;
    if (missing > 0) await pollUntilArrived(inc, apps, edits);
    out.push({ ms, cpuMs: cpu, seen: seenOf(report), missing, caughtUp: report.caughtUp });
  }
  return out;
}

/** Single edits through a running `syncctl run`, alternating app -> hub and hub -> app. */
async function measurePush(runner, apps, planner, count, [minPause, maxPause]) {
  const latencies = [];
  let lost = 0;
  // The same pauses every run (a fixed linear congruential sequence).
  let r = 12345;
  for (let k = 0; k < count; k++) {
    if (k > 0) {
      r = (r * 1103515245 + 12345) % 2 ** 31;
      await sleep(minPause + (r / 2 ** 31) * (maxPause - minPause));
    }
    const side = k % 2 === 0 ? 'app' : 'hub';
    const [edit] = side === 'app' ? planner.take(0, 1) : planner.take(1, 0);
    const target = EDIT_TARGETS[side];
    const id = side === 'hub' ? edit.pair[0] : edit.pair[1];
    const t0 = performance.now();
    apps.edit([edit]);
    const res = await runner.post(`/hooks/${target.connection}`, { object: target.table, ids: [id] });
    if (res.status !== 202 || (res.body.triggered ?? []).length === 0) throw new Error(`POST /hooks/${target.connection} answered ${res.status}: ${JSON.stringify(res.body)}`);
    let arrived = false;
    while (performance.now() - t0 < PUSH_TIMEOUT_MS) {
      if (apps.partnerValue(edit) === edit.value) {
        arrived = true;
        break;
      }
      await sleep(2);
    }
    latencies.push(performance.now() - t0);
    if (!arrived) lost++;
  }
  return { ...latencySummary(latencies), lost };
}

async function runCase({ contacts, seed, buildSeconds, reserveSeconds, pollRounds, pushEdits, pauseMs, settle, deadline }, { report, sampleMemory }) {
  const label = sizeLabel(contacts);
  const budget = buildBudgetMs(buildSeconds, deadline, reserveSeconds);
  const state = await ensureIndexedState({
    contacts,
    seed,
    budgetMs: budget,
    onProgress: (p) => {
      sampleMemory();
      report({ contacts, measured: false, stage: `building the ${label} indexed state: ${p.stage}${p.at ? ` ${p.at}` : ''}` });
    },
  });
  if (!state.ready) return { contacts, measured: false, reason: `the ${label} indexed state is not built: ${state.reason}`, build: state.build };

  // Each poll re-reads an object's feed from its cursor (its last change seen) less the engine's
  // overlap (2 minutes). The warm-up edits move the contacts cursor to now; if the build wrote
  // contacts less than 2 minutes before that, every poll would still re-read them: a cost of this
  // run's build (a cached state would not have it), so a full run waits it out.
  const { DEFAULT_TUNING } = await importDist('engine/incremental/index.js');
  const unsettledMs = Math.max(0, Date.parse(state.meta.builtAt) + DEFAULT_TUNING.overlapMs + 5000 - Date.now());
  const settleMs = settle ? unsettledMs : 0;
  if (settleMs > 0) {
    report({ contacts, measured: false, stage: `waiting ${Math.round(settleMs / 1000)} s for the build's writes to leave the poll overlap` });
    await sleep(settleMs);
  }

  const dir = makeScratch('incremental');
  const log = createWriteStream(join(dir, 'engine.log'));
  const { createLogger } = await importDist('log/logger.js');
  const logger = createLogger('warn', log);
  let runner;
  let apps;
  try {
    const files = copyIndexedState(state.dir, dir);
    apps = openApps(files);
    const planner = editPlanner(state.meta.pairs, Date.now().toString(36));
    const inc = await openIncremental(dir, { logger });
    let polls;
    let steady;
    let converge;
    try {
      if (inc.lifecycle !== 'incremental') throw new Error(`the copied state's sync is ${inc.lifecycle}, not incremental`);
      // Warm-up: a few contact edits move the contacts cursor to now, where a live system's stands.
      const warm = planner.take(10, 10);
      apps.edit(warm);
      const warmup = await pollUntilArrived(inc, apps, warm);
      report({ contacts, measured: false, stage: 'poll rounds' });
      polls = await measurePolls(inc, apps, planner, pollRounds);
      // Steady: the companies cursors moved past the initial sync too (nothing to sync in them).
      apps.touch('hub', 'companies');
      apps.touch('app', 'accounts');
      await inc.pass({ kind: 'poll' });
      report({ contacts, measured: false, stage: 'steady poll rounds', pollMs: median(polls.map((p) => p.ms)) });
      steady = await measurePolls(inc, apps, planner, pollRounds);
      report({ contacts, measured: false, stage: 'convergence', pollMs: median(polls.map((p) => p.ms)) });
      const edits = planner.take(CONVERGE_PER_SIDE, CONVERGE_PER_SIDE);
      apps.edit(edits);
      converge = await pollUntilArrived(inc, apps, edits);
      converge.warmupPasses = warmup.passes.length;
    } finally {
      await inc.close();
    }
    report({ contacts, measured: false, stage: 'push latency', pollMs: median(polls.map((p) => p.ms)), convergeMs: converge.ms });

    const t = performance.now();
    runner = await startRunner({ dir: files.syncs, state: files.state, env: indexedEnv(dir), logFile: join(dir, 'runner.log') });
    await waitForIdleWorker(runner, SYNC_NAME);
    const runnerReadyMs = performance.now() - t;
    const push = await measurePush(runner, apps, planner, pushEdits, pauseMs);
    const stopped = await runner.stop();
    runner = undefined;
    if (stopped.code !== 0) throw new Error(`syncctl run exited ${stopped.signal ?? stopped.code} on SIGTERM`);

    return {
      contacts,
      measured: true,
      indexRows: Object.values(state.meta.indexRows).reduce((a, b) => a + b, 0),
      state: { cached: !state.builtNow, buildSeconds: state.meta.buildSeconds, initialSyncSeconds: state.meta.initialSyncSeconds, buildRuns: state.meta.buildRuns },
      pollMs: median(polls.map((p) => p.ms)),
      pollMinMs: Math.min(...polls.map((p) => p.ms)),
      pollMaxMs: Math.max(...polls.map((p) => p.ms)),
      pollCpuMs: median(polls.map((p) => p.cpuMs)),
      pollMissed: polls.reduce((n, p) => n + p.missing, 0),
      pollRounds: polls,
      pollSteadyMs: median(steady.map((p) => p.ms)),
      pollSteadyCpuMs: median(steady.map((p) => p.cpuMs)),
      pollSteadyRounds: steady,
      pollChanges: POLL_CHANGES,
      convergeMs: converge.ms,
      convergeCpuMs: converge.cpuMs,
      convergePasses: converge.passes.length,
      convergeSeen: converge.seen,
      convergeChanges: 2 * CONVERGE_PER_SIDE,
      convergeDetail: converge.passes,
      warmupPasses: converge.warmupPasses,
      runnerReadyMs,
      settledMs: settleMs,
      // The build's writes were still inside the poll overlap when measuring (quick runs do not wait).
      overlapHeldBuild: unsettledMs > settleMs,
      pushEdits,
      pushPauseMs: pauseMs,
      pushLost: push.lost,
      pushP50Ms: push.p50,
      pushP95Ms: push.p95,
      pushMaxMs: push.max,
      pushMinMs: push.min,
    };
  } finally {
    if (runner) await runner.stop(2000);
    apps?.close();
    await new Promise((resolve) => log.end(resolve));
    removeScratch(dir);
  }
}

export default {
  name: 'incremental',
  title: 'Incremental sync: poll cost, convergence, push-path latency (N contacts indexed and linked)',
  summary: 'a poll finding 100 changes at 100k vs 1M; 1,000 changes per side until both apps converge; push latency p50/p95/max through `syncctl run`',
  needs: [],
  async cases({ quick, seed }) {
    if (!(await distExports('engine/incremental/index.js', ['runIncrementalPass']))) return { notMeasured: 'the incremental engine is not built: dist/engine/incremental/index.js does not export runIncrementalPass' };
    const mode = quick ? 'quick' : 'full';
    const s = SETTINGS[mode];
    return s.sizes.map((contacts) => ({
      id: sizeLabel(contacts),
      params: { contacts, seed, buildSeconds: s.buildSeconds[contacts], reserveSeconds: RESERVE_AFTER[mode], pollRounds: s.pollRounds, pushEdits: s.pushEdits, pauseMs: s.pauseMs, settle: s.settle },
      // The build is stopped at its budget between pages; then perhaps 2 minutes of waiting out
      // the poll overlap, and the measurements (a minute or two at 1M).
      timeoutSeconds: s.buildSeconds[contacts] + (s.settle ? 130 : 0) + (quick ? 60 : 300),
    }));
  },
  prepare: ({ contacts, seed }) => ensureDataset(contacts, seed),
  run: (params, context) => runCase(params, context),
  table: (cases) => ({
    headers: ['size', 'indexed rows', 'state', 'poll 100 changes ms (median; min–max; CPU)', 'same, steady ms (CPU)', 'converge 2×1,000 ms (passes; CPU)', 'push p50 / p95 / max ms (edits)', 'runner ready s', 'peak RSS MB'],
    rows: cases.map((c) => {
      const m = c.metrics;
      if (!c.ok) return [c.id, '–', `${c.status}${m?.stage ? ` (at: ${m.stage})` : ''}: ${c.error?.message ?? ''}`];
      if (m.measured === false) return [c.id, '–', `not measured: ${m.reason}`];
      const built = m.state.cached ? `cached (built in ${num(m.state.buildSeconds)} s)` : `built now in ${num(m.state.buildSeconds)} s`;
      const st = m.overlapHeldBuild
        ? `${built}; its writes still in the poll overlap (quick: not waited for)`
        : m.settledMs > 0
          ? `${built}; waited ${num(m.settledMs / 1000)} s for the poll overlap`
          : built;
      return [
        c.id,
        num(m.indexRows),
        st,
        `${num(m.pollMs)} (${num(m.pollMinMs)}–${num(m.pollMaxMs)}; CPU ${num(m.pollCpuMs)})${m.pollMissed ? ` ${m.pollMissed} needed a second pass` : ''}`,
        `${num(m.pollSteadyMs)} (CPU ${num(m.pollSteadyCpuMs)})`,
        `${num(m.convergeMs)} (${m.convergePasses}; CPU ${num(m.convergeCpuMs)})`,
        `${num(m.pushP50Ms)} / ${num(m.pushP95Ms)} / ${num(m.pushMaxMs)} (${m.pushEdits}${m.pushLost ? `, ${m.pushLost} lost` : ''})`,
        num(m.runnerReadyMs / 1000, 1),
        num(c.memory?.peakRssMB, 1),
      ];
    }),
  }),
};
