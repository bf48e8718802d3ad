// The HubSpot targets of issue 7 read the hubspot scenario's `initial` case: the request budget
// used and the 429s left unhandled; a run shorter than one 10-s window is not judged.
import { describe, expect, it } from 'vitest';
import { budgetShare } from '../../bench/scenarios/hubspot.mjs';
import { evaluateTargets } from '../../bench/targets.mjs';

function results(metrics: Record<string, unknown>, ok = true) {
  const notRun = (name: string) => ({ name, status: 'not run', cases: [] });
  return {
    floor: notRun('floor'),
    'initial-sync': notRun('initial-sync'),
    incremental: notRun('incremental'),
    config: notRun('config'),
    export: notRun('export'),
    hubspot: { name: 'hubspot', status: 'measured', cases: [{ id: 'initial', ok, status: ok ? 'ok' : 'failed', metrics }] },
  };
}

function hubspotTargets(metrics: Record<string, unknown>, ok = true) {
  const list = evaluateTargets(results(metrics, ok), false);
  const budget = list.find((t) => t.target.startsWith('HubSpot emulator: >= 90%'));
  const unhandled = list.find((t) => t.target.startsWith('HubSpot emulator: no 429'));
  return { budget, unhandled };
}

describe('hubspot bench targets', () => {
  it('shares requests accepted out of 190 per 10 s of the run', () => {
    expect(budgetShare(950, 50)).toBeCloseTo(1, 10);
    expect(budgetShare(475, 50)).toBeCloseTo(0.5, 10);
  });

  it('meets the budget target at 90% and misses it below; counts unhandled 429s', () => {
    const met = hubspotTargets({ budgetUsed: 0.95, accepted: 900, requests: 905, seconds: 49.9, apiSeconds: 47.4, completed: true, unhandled429: 0, received429: 5 });
    expect(met.budget).toMatchObject({ status: 'met', measured: '95.0% (900 requests in 47.4 s)' });
    expect(met.unhandled).toMatchObject({ status: 'met', measured: '0 unhandled of 5 received' });
    const missed = hubspotTargets({ budgetUsed: 0.5, accepted: 300, requests: 300, seconds: 33, apiSeconds: 31.6, completed: true, unhandled429: 2, received429: 9 });
    expect(missed.budget).toMatchObject({ status: 'missed' });
    expect(missed.unhandled).toMatchObject({ status: 'missed', measured: '2 unhandled of 9 received' });
  });

  it('does not judge a run shorter than one window, and marks a run stopped at its budget as unfinished', () => {
    const short = hubspotTargets({ budgetUsed: 1.7, accepted: 150, requests: 150, seconds: 6.1, apiSeconds: 4.6, completed: true, unhandled429: 0, received429: 0 });
    expect(short.budget).toMatchObject({ status: 'not measured', reason: expect.stringMatching(/4\.6 s, less than one 10-second window/) });
    const stopped = hubspotTargets({ budgetUsed: 0.97, accepted: 1600, requests: 1600, seconds: 90, apiSeconds: 86.7, completed: false, unhandled429: 0, received429: 0 });
    expect(stopped.budget).toMatchObject({ status: 'met', measured: expect.stringMatching(/unfinished$/) });
    const killed = hubspotTargets({ budgetUsed: 0.97, accepted: 1600, requests: 1600, seconds: 90, apiSeconds: 86.7, completed: false }, false);
    expect(killed.unhandled).toMatchObject({ status: 'not measured' });
  });
});
