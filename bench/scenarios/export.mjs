// Export, not measurable yet: `syncctl records --format csv` does not exist. When it lands,
// this file indexes 1M contacts (or reuses an initial-sync state), runs the command as a whole
// process writing to a file, and reports rows/s and peak RSS at 100k and 1M (flat memory).
// Targets: >= 200,000 rows/s; peak RSS at 1M no more than 1.5x that at 100k.
// bench/targets.mjs reads cases '100k' and '1M' with metrics.rowsPerSecond (and their memory).
import { cliHas } from '../lib/dist.mjs';

export default {
  name: 'export',
  title: 'Export: records --format csv of 1M rows',
  summary: 'rows/s and peak RSS of `syncctl records --format csv` over 1M indexed records',
  needs: [],
  async cases() {
    if (!(await cliHas('records'))) return { notMeasured: 'the `syncctl records` command does not exist yet' };
    return { notMeasured: '`syncctl records` found, but this scenario is not written yet: replace bench/scenarios/export.mjs' };
  },
  run: async () => {
    throw new Error('not measured yet');
  },
  table: () => ({ headers: [], rows: [] }),
};
