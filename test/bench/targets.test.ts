// The targets table: every target of issue 7 is reported, met / missed from the figures, and
// "not measured" always says why.
import { describe, expect, it } from 'vitest';
import { evaluateTargets } from '../../bench/targets.mjs';

const notRun = (name: string) => ({ name, status: 'not run', cases: [] });

function initialSync(cases: Record<string, { rate: number; rss: number; completed?: boolean; timesFloor?: number }>) {
  return {
    name: 'initial-sync',
    status: 'measured',
    cases: Object.entries(cases).map(([id, c]) => ({
      id,
      ok: true,
      status: 'ok',
      metrics: { recordsPerSecond: c.rate, completed: c.completed ?? true, timesFloor: c.timesFloor, records: 2_200_000, recordsDone: 1_000_000, seconds: 360 },
      memory: { peakRssMB: c.rss },
    })),
  };
}

function results(extra: Record<string, unknown>) {
  return { floor: notRun('floor'), 'initial-sync': notRun('initial-sync'), incremental: notRun('incremental'), config: notRun('config'), export: notRun('export'), hubspot: notRun('hubspot'), ...extra };
}

function byTarget(list: ReturnType<typeof evaluateTargets>, start: string) {
  const found = list.find((t) => t.target.startsWith(start));
  if (!found) throw new Error(`no target starting with ${start}`);
  return found;
}

describe('bench targets', () => {
  it('reports every target, each not-measured one with a reason', () => {
    const list = evaluateTargets(results({}), false);
    expect(list).toHaveLength(14);
    for (const t of list) {
      expect(t.status).toBe('not measured');
      expect(t.reason).toMatch(/not run/);
    }
  });

  it('says a placeholder scenario is not measured and why', () => {
    const list = evaluateTargets(results({ export: { name: 'export', status: 'not measured', reason: 'the `syncctl records` command does not exist yet', cases: [] } }), false);
    expect(byTarget(list, 'CSV export of 1M')).toMatchObject({ status: 'not measured', reason: 'the `syncctl records` command does not exist yet' });
  });

  it('decides met and missed from the initial sync figures', () => {
    const list = evaluateTargets(results({ 'initial-sync': initialSync({ '100k': { rate: 150_000, rss: 300 }, '1M': { rate: 120_000, rss: 600, timesFloor: 20 } }) }), false);
    // 20× the floor at 120,000/s: the floor of that run copied 2.4M records/s.
    expect(byTarget(list, 'Initial sync at 1M contacts')).toMatchObject({ status: 'met', measured: '120,000 records/s (copy floor of this run: 2,400,000 records/s)' });
    expect(byTarget(list, 'Initial sync at 1M: within 15×')).toMatchObject({ status: 'missed' });
    expect(byTarget(list, 'Memory flat')).toMatchObject({ status: 'missed', measured: '600 / 300 MB = 2.00×' });
    expect(byTarget(list, 'Memory: peak RSS')).toMatchObject({ status: 'missed' });
  });

  it('counts an initial sync stopped at its budget as missing the rate, but not as a memory verdict', () => {
    const list = evaluateTargets(results({ 'initial-sync': initialSync({ '100k': { rate: 3000, rss: 300 }, '1M': { rate: 2800, rss: 320, completed: false } }) }), false);
    expect(byTarget(list, 'Initial sync at 1M contacts')).toMatchObject({ status: 'missed' });
    expect(byTarget(list, 'Initial sync at 1M contacts').measured).toMatch(/did not finish/);
    expect(byTarget(list, 'Memory flat')).toMatchObject({ status: 'not measured' });
    expect(byTarget(list, 'Memory: peak RSS')).toMatchObject({ status: 'not measured' });
  });

  it('tells a quick run that the 1M targets need a full run', () => {
    const list = evaluateTargets(results({ 'initial-sync': initialSync({ '10k': { rate: 5000, rss: 150 } }) }), true);
    expect(byTarget(list, 'Initial sync at 1M contacts').reason).toMatch(/--quick/);
  });

  it('judges plan by the slower of its two runs and cold start by its median', () => {
    const t = (medianMs: number) => ({ medianMs, minMs: medianMs, maxMs: medianMs, runs: 5 });
    const config = {
      name: 'config',
      status: 'measured',
      cases: [{ id: '500 files', ok: true, status: 'ok', metrics: { planCreate: t(1500), planUnchanged: t(2500), version: t(200), validateOne: t(400) } }],
    };
    const list = evaluateTargets(results({ config }), false);
    expect(byTarget(list, '`plan` over 500 files')).toMatchObject({ status: 'missed' });
    expect(byTarget(list, 'CLI cold start under 300 ms: `syncctl --version`')).toMatchObject({ status: 'met', measured: '200 ms' });
    expect(byTarget(list, 'CLI cold start under 300 ms: `syncctl validate`')).toMatchObject({ status: 'missed' });
  });

  const scenario = (name: string, cases: Record<string, Record<string, unknown>>) => ({
    name,
    status: 'measured',
    cases: Object.entries(cases).map(([id, metrics]) => ({ id, ok: true, status: 'ok', metrics, memory: { peakRssMB: 150 } })),
  });
  const incrementalCase = (pollMs: number, extra: Record<string, unknown> = {}) => ({
    measured: true, pollMs, convergeMs: 1500, convergePasses: 1, pushP50Ms: 40, pushP95Ms: 120, pushMaxMs: 300, pushEdits: 50, pushLost: 0, ...extra,
  });

  it('decides the incremental targets from convergence, the poll ratio and push p95', () => {
    const incremental = scenario('incremental', { '100k': incrementalCase(200), '1M': incrementalCase(290) });
    const list = evaluateTargets(results({ incremental }), false);
    expect(byTarget(list, 'Incremental: 1,000 changes')).toMatchObject({ status: 'met', measured: '1,500 ms (1 poll pass)' });
    expect(byTarget(list, 'Incremental: a poll finding 100')).toMatchObject({ status: 'met', measured: '290 ms vs 200 ms (1.45×)' });
    expect(byTarget(list, 'Incremental: push-path')).toMatchObject({ status: 'met' });

    const slower = scenario('incremental', { '100k': incrementalCase(200), '1M': incrementalCase(310, { convergeMs: 2400, convergePasses: 3 }) });
    const missed = evaluateTargets(results({ incremental: slower }), false);
    expect(byTarget(missed, 'Incremental: 1,000 changes')).toMatchObject({ status: 'missed', measured: '2,400 ms (3 poll passes)' });
    expect(byTarget(missed, 'Incremental: a poll finding 100')).toMatchObject({ status: 'missed' });
  });

  it('misses the push target when an edit never arrived, whatever p95 says', () => {
    const incremental = scenario('incremental', { '1M': incrementalCase(200, { pushLost: 1 }) });
    const t = byTarget(evaluateTargets(results({ incremental }), false), 'Incremental: push-path');
    expect(t).toMatchObject({ status: 'missed' });
    expect(t.measured).toMatch(/1 of 50 never arrived/);
  });

  it('says why the 1M targets are not measured when the 1M indexed state is not built yet', () => {
    const reason = 'the 1M indexed state is not built: its initial sync stopped at its budget (300 s this run); the next run resumes it';
    const incremental = scenario('incremental', { '100k': incrementalCase(200), '1M': { measured: false, reason } });
    const exported = scenario('export', { '100k': { measured: true, rowsPerSecond: 150_000, rows: 330_000, seconds: 2.2, peakRssMB: 110 }, '1M': { measured: false, reason } });
    const list = evaluateTargets(results({ incremental, export: exported }), false);
    for (const start of ['Incremental: 1,000 changes', 'Incremental: a poll finding 100', 'Incremental: push-path', 'CSV export of 1M', 'CSV export: flat memory']) {
      expect(byTarget(list, start), start).toMatchObject({ status: 'not measured', reason });
    }
  });

  it('judges the export by rows/s and by the CLI process’s own peak RSS', () => {
    const exported = scenario('export', {
      '100k': { measured: true, rowsPerSecond: 150_000, rows: 330_000, seconds: 2.2, peakRssMB: 110 },
      '1M': { measured: true, rowsPerSecond: 210_000, rows: 3_300_000, seconds: 15.7, peakRssMB: 180 },
    });
    const list = evaluateTargets(results({ export: exported }), false);
    expect(byTarget(list, 'CSV export of 1M')).toMatchObject({ status: 'met' });
    expect(byTarget(list, 'CSV export of 1M').measured).toMatch(/^210,000 rows\/s \(3,300,000 rows in 15.7 s/);
    // 180 / 110 = 1.64: the case processes' own memory (150 MB both) would have said flat.
    expect(byTarget(list, 'CSV export: flat memory')).toMatchObject({ status: 'missed', measured: '180 / 110 MB = 1.64×' });
  });
});
