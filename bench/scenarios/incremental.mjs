// Incremental (issue 4), not measurable yet. When the incremental engine and `syncctl run`
// land, this file measures, with 1M contacts indexed and linked (after an initial sync):
//   - 1,000 records changed on each side -> time until both sides have converged;
//   - the cost of a poll that finds 100 changes, at 100k and at 1M indexed (must not grow);
//   - change-to-propagated latency p50/p95/max of single edits through the push path
//     (POST /hooks/<connection>) with a running runner.
// Targets: convergence < 2 s; poll cost equal ±50% at 100k and 1M; push p95 < 1 s.
// bench/targets.mjs reads cases '100k' and '1M' with metrics.pollMs, and on '1M' also
// metrics.convergeMs and metrics.pushP95Ms.
import { cliHas } from '../lib/dist.mjs';

export default {
  name: 'incremental',
  title: 'Incremental sync: convergence, poll cost, push-path latency',
  summary: '1,000 changes per side with 1M indexed; a poll finding 100 changes at 100k vs 1M; push latency p50/p95/max',
  needs: [],
  async cases() {
    // The runner is what this scenario drives; until `syncctl run` exists, say why nothing is measured.
    if (!(await cliHas('run'))) {
      return { notMeasured: 'incremental engine not built yet (issue 4): no incremental pass or `syncctl run` runner to drive' };
    }
    return { notMeasured: '`syncctl run` found, but this scenario is not written yet: replace bench/scenarios/incremental.mjs' };
  },
  run: async () => {
    throw new Error('not measured yet');
  },
  table: () => ({ headers: [], rows: [] }),
};
