// Export: `syncctl records bench --format csv --output FILE` over the state of N contacts indexed
// and linked (a copy of the cached indexed state, bench/lib/indexed-state.mjs), run as the real
// CLI in its own process and timed whole (start-up included). Reports rows/s and that process's
// peak RSS (the kernel's maxRSS, read by a preloaded probe), and checks the file: as many data
// rows as the index holds, and a parsed sample with the header's columns.
// Targets: >= 200,000 rows/s at 1M; peak RSS at 1M no more than 1.5× that at 100k (flat).
// bench/targets.mjs reads cases '100k' and '1M': metrics.rowsPerSecond and metrics.peakRssMB, or
// metrics.measured === false with metrics.reason.
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { ensureDataset } from '../data.mjs';
import { cliHas, importDist, ROOT } from '../lib/dist.mjs';
import { SYNC_NAME, buildBudgetMs, copyIndexedState, ensureIndexedState } from '../lib/indexed-state.mjs';
import { countCsvRecords, countLines } from '../lib/csv-check.mjs';
import { makeScratch, removeScratch } from '../lib/scratch.mjs';
import { sizeLabel } from '../lib/sizes.mjs';
import { num } from '../lib/table.mjs';

const CLI = join(ROOT, 'bin', 'syncctl.js');
const PROBE = fileURLToPath(new URL('../lib/peak-rss-probe.mjs', import.meta.url));
/** Seconds a state build leaves to the scenarios after it (incremental, the initial sync). */
const RESERVE_AFTER = { quick: 25, full: 300 };
// Export runs before the incremental scenario and builds the indexed states both use (see
// bench/scenarios/index.mjs); 100k builds in well under a minute today, 1M in about 4 minutes.
const SETTINGS = {
  quick: { sizes: [10_000], buildSeconds: { 10_000: 25 } },
  full: { sizes: [100_000, 1_000_000], buildSeconds: { 100_000: 240, 1_000_000: 300 } },
};
const SAMPLE_BYTES = 1 << 20;

/** Rows the index holds for the sync (every object, both sides, every status), from the health view. */
async function indexRows(statePath) {
  const { openHealthState } = await importDist('health/index.js');
  const state = await openHealthState(statePath);
  try {
    let total = 0;
    for (const object of await state.query.indexedObjects(SYNC_NAME)) {
      const h = await state.query.objectHealth(SYNC_NAME, object);
      for (const side of ['hub', 'app']) total += Object.values(h.sides[side].counts).reduce((a, b) => a + b, 0);
    }
    return total;
  } finally {
    await state.close();
  }
}

/** The first MB of the file parsed with csv-parse: every record has the header's columns. */
function checkSample(file) {
  const fd = openSync(file, 'r');
  const buf = Buffer.alloc(SAMPLE_BYTES);
  const n = readSync(fd, buf, 0, SAMPLE_BYTES, 0);
  closeSync(fd);
  const text = buf.subarray(0, n).toString('utf8');
  // Whole records only: cut at the last line end outside quotes (csv-parse tells, by failing, when the cut was inside).
  const cut = n < SAMPLE_BYTES ? text : text.slice(0, text.lastIndexOf('\n') + 1);
  const records = parse(cut, { relax_column_count: true });
  const header = records[0] ?? [];
  const bad = records.filter((r) => r.length !== header.length).length;
  if (bad > 0) throw new Error(`${bad} of ${records.length - 1} sampled CSV records do not have the header's ${header.length} columns`);
  return { columns: header, sampled: records.length - 1 };
}

/** The threads the CLI used, from its debug line 'records written' (undefined when it logs none). */
function exportThreads(stderr) {
  for (const line of stderr.split('\n')) {
    if (!line.includes('records written')) continue;
    try {
      return JSON.parse(line).threads;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

async function runCase({ contacts, seed, buildSeconds, reserveSeconds, deadline }, { report, sampleMemory }) {
  const label = sizeLabel(contacts);
  const state = await ensureIndexedState({
    contacts,
    seed,
    budgetMs: buildBudgetMs(buildSeconds, deadline, reserveSeconds),
    onProgress: (p) => {
      sampleMemory();
      report({ contacts, measured: false, stage: `building the ${label} indexed state: ${p.stage}${p.at ? ` ${p.at}` : ''}` });
    },
  });
  if (!state.ready) return { contacts, measured: false, reason: `the ${label} indexed state is not built: ${state.reason}` };
  const dir = makeScratch('export');
  try {
    const files = copyIndexedState(state.dir, dir, ['state']);
    const expected = await indexRows(files.state);
    const output = join(dir, 'records.csv');
    const probe = join(dir, 'probe.json');
    const started = performance.now();
    // At debug level the CLI logs how many threads read the export (its own choice: one per core, at most 4).
    const res = spawnSync(process.execPath, ['--import', PROBE, CLI, 'records', SYNC_NAME, '--state', files.state, '--format', 'csv', '--output', output, '--log-level', 'debug'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', SYNCCTL_BENCH_PROBE_OUT: probe },
    });
    const seconds = (performance.now() - started) / 1000;
    if (res.status !== 0) throw new Error(`syncctl records exited ${res.status ?? res.signal}: ${(res.stderr || res.stdout).trim().split('\n').slice(0, 6).join(' | ')}`);
    const proc = JSON.parse(readFileSync(probe, 'utf8'));
    const threads = exportThreads(res.stderr);
    const sample = checkSample(output);
    // One header line, then a line per record; when the counts differ (a cell may hold a line
    // break), csv-parse counts the records instead.
    let rows = countLines(output) - 1;
    if (rows !== expected) rows = (await countCsvRecords(output)) - 1;
    if (rows !== expected) throw new Error(`the CSV holds ${rows} records, the index ${expected} rows`);
    return {
      contacts,
      measured: true,
      rows,
      seconds,
      rowsPerSecond: rows / seconds,
      fileMB: statSync(output).size / 2 ** 20,
      peakRssMB: proc.maxRssMB,
      cpuSeconds: (proc.userCpuMs + proc.systemCpuMs) / 1000,
      threads,
      columns: sample.columns,
      sampled: sample.sampled,
      stateCached: !state.builtNow,
    };
  } finally {
    removeScratch(dir);
  }
}

export default {
  name: 'export',
  title: 'Export: `syncctl records SYNC --format csv --output FILE` (whole CLI process)',
  summary: 'rows/s and peak RSS of the real CLI exporting every indexed record of the sync to a CSV file',
  needs: [],
  async cases({ quick, seed }) {
    if (!(await cliHas('records'))) return { notMeasured: 'the `syncctl records` command does not exist yet' };
    const mode = quick ? 'quick' : 'full';
    const s = SETTINGS[mode];
    return s.sizes.map((contacts) => ({
      id: sizeLabel(contacts),
      params: { contacts, seed, buildSeconds: s.buildSeconds[contacts], reserveSeconds: RESERVE_AFTER[mode] },
      timeoutSeconds: s.buildSeconds[contacts] + 300,
    }));
  },
  prepare: ({ contacts, seed }) => ensureDataset(contacts, seed),
  run: (params, context) => runCase(params, context),
  table: (cases) => ({
    headers: ['size', 'rows', 'seconds', 'rows/s', 'threads', 'CLI peak RSS MB', 'CLI CPU s', 'file MB'],
    rows: cases.map((c) => {
      const m = c.metrics;
      if (!c.ok) return [c.id, `${c.status}: ${c.error?.message ?? ''}`];
      if (m.measured === false) return [c.id, `not measured: ${m.reason}`];
      return [c.id, num(m.rows), num(m.seconds, 2), num(m.rowsPerSecond), m.threads ?? '–', num(m.peakRssMB, 1), num(m.cpuSeconds, 1), num(m.fileMB, 1)];
    }),
  }),
};
