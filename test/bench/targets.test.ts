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
    expect(byTarget(list, 'Initial sync at 1M contacts')).toMatchObject({ status: 'met', measured: '120,000 records/s' });
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
});
