// The targets of issue 7, each checked against this run's results: met, missed, or not measured
// (with the reason). Scenarios that do not exist yet are expected to report the metric names
// used here (see the comment at the top of their files).
import { num } from './lib/table.mjs';

/** The case `id` of `scenario` when it ran and passed, else { reason } saying why not. */
function caseOf(results, scenario, id, quick) {
  const r = results[scenario];
  if (!r || r.status === 'not run') return { reason: `not run (the ${scenario} scenario was left out by --only)` };
  if (r.status === 'not measured') return { reason: r.reason };
  const c = r.cases.find((x) => x.id === id);
  if (!c) return { reason: quick ? `--quick does not run ${id}; run \`npm run bench\`` : `no ${id} case in this run` };
  // A case killed at its time limit still has partial figures: enough to call some targets missed.
  if (!c.ok && !c.metrics) return { reason: `the ${scenario} ${id} case ${c.status}: ${c.error?.message ?? 'see its output'}` };
  return { case: c };
}

/**
 * caseOf, for scenarios whose case can run without measuring (its precondition, e.g. the indexed
 * state it copies, is not built yet): metrics.measured === false carries the reason.
 */
function measuredOf(results, scenario, id, quick) {
  const c = caseOf(results, scenario, id, quick);
  if (!c.case) return c;
  if (!c.case.ok) return { reason: `the ${scenario} ${id} case ${c.case.status}: ${c.case.error?.message ?? 'see its output'}` };
  if (c.case.metrics?.measured === false) return { reason: c.case.metrics.reason ?? `the ${scenario} ${id} case measured nothing` };
  return c;
}

const finished = (c) => c.ok && c.metrics.completed !== false;
const unfinishedNote = (c) => `did not finish: ${num(c.metrics.recordsDone)} of ${num(c.metrics.records)} records through in ${num(c.metrics.seconds)} s`;

const verdict = (ok) => (ok ? 'met' : 'missed');
const ms = (v) => `${num(v)} ms`;

const TARGETS = [
  {
    target: 'Initial sync at 1M contacts per side: >= 100,000 records/s end to end (both sides counted)',
    evaluate(results, quick) {
      const c = caseOf(results, 'initial-sync', '1M', quick);
      if (!c.case) return c;
      const rate = c.case.metrics.recordsPerSecond;
      if (!finished(c.case)) return { measured: `~${num(rate)} records/s (${unfinishedNote(c.case)})`, status: 'missed' };
      // The floor of the same run next to it: on a slow disk the target can lie near or above it.
      const floor = c.case.metrics.timesFloor === undefined ? '' : ` (copy floor of this run: ${num(rate * c.case.metrics.timesFloor)} records/s)`;
      return { measured: `${num(rate)} records/s${floor}`, status: verdict(rate >= 100_000) };
    },
  },
  {
    target: 'Initial sync at 1M: within 15× of the SQLite copy floor of the same run',
    evaluate(results, quick) {
      const c = caseOf(results, 'initial-sync', '1M', quick);
      if (!c.case) return c;
      const t = c.case.metrics.timesFloor;
      if (t === undefined) return { reason: 'the floor did not run at 1M in this run' };
      if (!finished(c.case)) return { measured: `~${num(t)}× the floor (${unfinishedNote(c.case)})`, status: 'missed' };
      return { measured: `${num(t, 1)}× the floor`, status: verdict(t <= 15) };
    },
  },
  {
    target: 'Memory flat in data size: peak RSS at 1M <= 1.5× peak RSS at 100k',
    evaluate(results, quick) {
      const big = caseOf(results, 'initial-sync', '1M', quick);
      const small = caseOf(results, 'initial-sync', '100k', quick);
      if (!big.case) return big;
      if (!small.case) return small;
      if (!big.case.memory || !small.case.memory) return { reason: 'no memory figures for 100k and 1M' };
      const ratio = big.case.memory.peakRssMB / small.case.memory.peakRssMB;
      const measured = `${num(big.case.memory.peakRssMB)} / ${num(small.case.memory.peakRssMB)} MB = ${num(ratio, 2)}×`;
      // An unfinished run's peak is a lower bound: it can prove a miss, never a pass.
      if (!finished(big.case) || !finished(small.case)) {
        return ratio > 1.5 ? { measured: `${measured} (so far)`, status: 'missed' } : { reason: `the initial sync ${finished(small.case) ? 'at 1M' : 'at 100k'} did not finish, so its peak is unknown (${measured} so far)` };
      }
      return { measured, status: verdict(ratio <= 1.5) };
    },
  },
  {
    target: 'Memory: peak RSS of the initial sync at 1M under 512 MB',
    evaluate(results, quick) {
      const c = caseOf(results, 'initial-sync', '1M', quick);
      if (!c.case) return c;
      const mb = c.case.memory?.peakRssMB;
      if (mb === undefined) return { reason: 'no memory figures at 1M' };
      if (!finished(c.case)) return mb >= 512 ? { measured: `${num(mb)} MB (so far)`, status: 'missed' } : { reason: `the initial sync at 1M did not finish, so its peak is unknown (${num(mb)} MB so far)` };
      return { measured: `${num(mb)} MB`, status: verdict(mb < 512) };
    },
  },
  {
    target: 'Incremental: 1,000 changes per side converge in under 2 s with 1M indexed',
    evaluate(results, quick) {
      const c = measuredOf(results, 'incremental', '1M', quick);
      if (!c.case) return c;
      const m = c.case.metrics;
      return { measured: `${ms(m.convergeMs)} (${m.convergePasses} poll pass${m.convergePasses === 1 ? '' : 'es'})`, status: verdict(m.convergeMs < 2000) };
    },
  },
  {
    target: 'Incremental: a poll finding 100 changes costs the same (±50%) at 100k and 1M indexed',
    evaluate(results, quick) {
      const big = measuredOf(results, 'incremental', '1M', quick);
      const small = measuredOf(results, 'incremental', '100k', quick);
      if (!big.case) return big;
      if (!small.case) return small;
      const ratio = big.case.metrics.pollMs / small.case.metrics.pollMs;
      return { measured: `${ms(big.case.metrics.pollMs)} vs ${ms(small.case.metrics.pollMs)} (${num(ratio, 2)}×)`, status: verdict(ratio >= 0.5 && ratio <= 1.5) };
    },
  },
  {
    target: 'Incremental: push-path latency p95 under 1 s',
    evaluate(results, quick) {
      const c = measuredOf(results, 'incremental', '1M', quick);
      if (!c.case) return c;
      const m = c.case.metrics;
      // An edit that never arrived counts at the time the bench gave up on it, and is named.
      const lost = m.pushLost > 0 ? `, ${m.pushLost} of ${m.pushEdits} never arrived` : '';
      return { measured: `p95 ${ms(m.pushP95Ms)} (p50 ${ms(m.pushP50Ms)}, max ${ms(m.pushMaxMs)}, ${m.pushEdits} edits${lost})`, status: verdict(m.pushP95Ms < 1000 && !(m.pushLost > 0)) };
    },
  },
  {
    target: '`plan` over 500 files under 2 s including start-up',
    evaluate(results, quick) {
      const c = caseOf(results, 'config', '500 files', quick);
      if (!c.case) return c;
      const m = c.case.metrics;
      // The slower of the two plans counts: a first PR (all creates) and an everyday one (all unchanged).
      const worst = Math.max(m.planCreate.medianMs, m.planUnchanged.medianMs);
      return { measured: `${ms(m.planCreate.medianMs)} (creates), ${ms(m.planUnchanged.medianMs)} (unchanged)`, status: verdict(worst < 2000) };
    },
  },
  {
    target: 'CLI cold start under 300 ms: `syncctl --version`',
    evaluate(results, quick) {
      const c = caseOf(results, 'config', '500 files', quick);
      if (!c.case) return c;
      return { measured: ms(c.case.metrics.version.medianMs), status: verdict(c.case.metrics.version.medianMs < 300) };
    },
  },
  {
    target: 'CLI cold start under 300 ms: `syncctl validate` of one file',
    evaluate(results, quick) {
      const c = caseOf(results, 'config', '500 files', quick);
      if (!c.case) return c;
      return { measured: ms(c.case.metrics.validateOne.medianMs), status: verdict(c.case.metrics.validateOne.medianMs < 300) };
    },
  },
  {
    target: 'CSV export of 1M rows at >= 200,000 rows/s',
    evaluate(results, quick) {
      const c = measuredOf(results, 'export', '1M', quick);
      if (!c.case) return c;
      const m = c.case.metrics;
      return { measured: `${num(m.rowsPerSecond)} rows/s (${num(m.rows)} rows in ${num(m.seconds, 1)} s, whole CLI process)`, status: verdict(m.rowsPerSecond >= 200_000) };
    },
  },
  {
    target: 'CSV export: flat memory (peak RSS at 1M <= 1.5× at 100k)',
    evaluate(results, quick) {
      const big = measuredOf(results, 'export', '1M', quick);
      const small = measuredOf(results, 'export', '100k', quick);
      if (!big.case) return big;
      if (!small.case) return small;
      // The CLI process's own peak (the case process only starts it).
      const [b, s] = [big.case.metrics.peakRssMB, small.case.metrics.peakRssMB];
      const ratio = b / s;
      return { measured: `${num(b)} / ${num(s)} MB = ${num(ratio, 2)}×`, status: verdict(ratio <= 1.5) };
    },
  },
  {
    target: 'HubSpot emulator: >= 90% of the 10-second request budget used',
    evaluate(results, quick) {
      const c = caseOf(results, 'hubspot', 'initial', quick);
      if (!c.case) return c;
      const m = c.case.metrics;
      const measured = `${num(m.budgetUsed * 100, 1)}% (${num(m.accepted ?? m.requests)} requests in ${num(m.apiSeconds, 1)} s)`;
      // Within the first window 190 requests pass at once: a run that short says nothing about the budget.
      if (!(m.apiSeconds > 10)) return { reason: `the sync talked to HubSpot for ${num(m.apiSeconds, 1)} s, less than one 10-second window: too short to judge the budget` };
      // A run stopped at its time budget still used the budget as it did up to then.
      return { measured: c.case.ok && m.completed !== false ? measured : `${measured}, unfinished`, status: verdict(m.budgetUsed >= 0.9) };
    },
  },
  {
    target: 'HubSpot emulator: no 429 left unhandled',
    evaluate(results, quick) {
      const c = caseOf(results, 'hubspot', 'initial', quick);
      if (!c.case) return c;
      const m = c.case.metrics;
      // Counted from the index once the sync has ended; a case killed part-way has no count.
      if (m.unhandled429 === undefined) return { reason: 'the hubspot initial case did not end, so its records were not counted' };
      return { measured: `${num(m.unhandled429)} unhandled of ${num(m.received429)} received`, status: verdict(m.unhandled429 === 0) };
    },
  },
];

/** Every target with its measured figure and status ('met', 'missed' or 'not measured' with a reason). */
export function evaluateTargets(results, quick) {
  return TARGETS.map((t) => {
    let out;
    try {
      out = t.evaluate(results, quick);
    } catch (err) {
      out = { reason: `could not evaluate: ${err instanceof Error ? err.message : String(err)}` };
    }
    return out.status ? { target: t.target, measured: out.measured, status: out.status } : { target: t.target, measured: null, status: 'not measured', reason: out.reason };
  });
}
