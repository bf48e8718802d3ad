// `npm run bench [-- --quick] [-- --only NAME]`: builds dist/, runs every scenario (each case in
// its own child process, so peak RSS is per case), prints a table per scenario and the targets
// of issue 7, and writes bench/results/<scenario>-<timestamp>.json and bench/results/latest.json.
import { fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SEED } from './data.mjs';
import { USAGE, parseArgs } from './lib/args.mjs';
import { buildProject } from './lib/build.mjs';
import { ROOT } from './lib/dist.mjs';
import { describeMachine } from './lib/machine.mjs';
import { RESULTS_DIR } from './lib/paths.mjs';
import { renderMarkdownTable, renderTable } from './lib/table.mjs';
import { SCENARIOS, loadScenario, withNeeds } from './scenarios/index.mjs';
import { evaluateTargets } from './targets.mjs';

const CHILD = fileURLToPath(new URL('./lib/child.mjs', import.meta.url));
const DEFAULT_TIMEOUT_SECONDS = 600;
/** What a whole run may take, build included (issue 7): cases that can stop early fit themselves in. */
const RUN_LIMIT_SECONDS = { quick: 60, full: 15 * 60 };

function say(text = '') {
  process.stdout.write(`${text}\n`);
}

/** Runs one case in a fresh process; resolves to its result (never rejects). */
function runCase(name, c, deadline) {
  // Killed at its own limit, or a minute after the run's deadline, whichever comes first.
  const timeoutSeconds = Math.max(10, Math.min(c.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS, Math.round((deadline - Date.now()) / 1000) + 60));
  const started = performance.now();
  const scratch = mkdtempSync(join(tmpdir(), 'syncctl-bench-run-'));
  return new Promise((resolve) => {
    const child = fork(CHILD, [name, JSON.stringify({ ...c.params, deadline })], {
      cwd: ROOT,
      env: { ...process.env, SYNCCTL_BENCH_SCRATCH: scratch },
      execArgv: ['--expose-gc'],
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    let message;
    let partial;
    child.on('message', (m) => {
      if (m.partial) partial = m;
      else message = m;
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutSeconds * 1000);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      rmSync(scratch, { recursive: true, force: true });
      const wallSeconds = Math.round((performance.now() - started) / 100) / 10;
      const base = { id: c.id, params: c.params ?? {}, wallSeconds };
      if (message?.ok) return resolve({ ...base, ok: true, status: 'ok', metrics: message.metrics, memory: message.memory, loop: message.loop });
      const status = timedOut ? `timed out after ${timeoutSeconds} s` : 'failed';
      const error = message?.error ?? { message: `the case process exited ${signal ?? code} without a result${stderr ? `: ${stderr.trim().split('\n').slice(-6).join(' | ')}` : ''}` };
      // A case killed part-way keeps its last partial figures, marked unfinished.
      const metrics = partial ? { ...partial.partial, completed: false } : undefined;
      resolve({ ...base, ok: false, status, error, memory: message?.memory ?? partial?.memory, loop: message?.loop ?? partial?.loop, ...(metrics ? { metrics } : {}) });
    });
  });
}

async function runScenario(name, options) {
  const scenario = await loadScenario(name);
  say(`\n== ${scenario.title}`);
  const planned = await scenario.cases({ quick: options.quick, seed: options.seed });
  if (!Array.isArray(planned)) {
    say(`   not measured: ${planned.notMeasured}`);
    return { scenario, result: { name, title: scenario.title, summary: scenario.summary, status: 'not measured', reason: planned.notMeasured, cases: [] } };
  }
  const cases = [];
  for (const c of planned) {
    if (scenario.prepare) {
      const t = performance.now();
      const prepared = await scenario.prepare(c.params);
      if (prepared && prepared.cached === false) say(`   ${c.id}: generated data in ${((performance.now() - t) / 1000).toFixed(1)} s (${prepared.dir})`);
    }
    process.stdout.write(`   ${c.id} … `);
    const result = await runCase(name, c, options.deadline);
    say(result.ok ? `done in ${result.wallSeconds} s` : `${result.status}: ${result.error.message}`);
    cases.push(result);
  }
  const failed = cases.filter((c) => !c.ok).length;
  return { scenario, result: { name, title: scenario.title, summary: scenario.summary, status: failed === 0 ? 'measured' : 'failed', cases } };
}

function writeJson(file, value) {
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

const TARGET_HEADERS = ['target', 'measured', 'status'];
const targetRows = (targets) => targets.map((t) => [t.target, t.measured ?? '–', t.status === 'not measured' ? `not measured: ${t.reason}` : t.status]);

/** The run as Markdown, ready for the README's Performance section. */
function markdownReport(common, command, tables, targets) {
  const m = common.machine;
  return [
    `Measured ${common.timestamp} with \`${command}\` on ${m.cpuCount}× ${m.cpuModel}, ${m.totalMemoryMB} MB, node ${m.node}, ${m.platform} (load average ${m.loadAverage1m} at the start).`,
    '',
    renderMarkdownTable(TARGET_HEADERS, targetRows(targets)),
    ...tables.flatMap(({ title, headers, rows }) => ['', `**${title}**`, '', renderMarkdownTable(headers, rows)]),
    '',
  ].join('\n');
}

async function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2), SCENARIOS);
  } catch (err) {
    console.error(err.message);
    return 2;
  }
  if (options.help) {
    say(USAGE);
    return 0;
  }
  options.seed ??= DEFAULT_SEED;
  options.deadline = Date.now() + RUN_LIMIT_SECONDS[options.quick ? 'quick' : 'full'] * 1000;
  const started = performance.now();
  const at = new Date();
  const stamp = at.toISOString().replace(/\.\d+Z$/, 'Z').replaceAll(':', '-');
  const machine = describeMachine();
  mkdirSync(RESULTS_DIR, { recursive: true });
  say(`syncctl bench ${options.quick ? '--quick' : '(full)'} · ${machine.cpuCount}× ${machine.cpuModel} · ${machine.totalMemoryMB} MB · node ${machine.node} · ${machine.platform} · load ${machine.loadAverage1m}`);

  let build = { skipped: true };
  if (options.build) {
    process.stdout.write('building dist/ (npm run build) … ');
    build = buildProject(ROOT);
    say(build.ok ? `done in ${build.seconds} s` : `FAILED in ${build.seconds} s (measuring what was emitted):\n  ${build.errors.join('\n  ')}`);
  }

  const names = options.only ? await withNeeds(options.only) : SCENARIOS;
  const results = Object.fromEntries(SCENARIOS.map((n) => [n, { name: n, status: 'not run', cases: [] }]));
  const ran = [];
  for (const name of names) {
    const { scenario, result } = await runScenario(name, options);
    results[name] = result;
    ran.push({ scenario, result });
  }
  // Derived figures (e.g. × floor) need every scenario's results, so tables come after the runs.
  const tables = [];
  for (const { scenario, result } of ran) {
    if (result.cases.length === 0) continue;
    scenario.derive?.(result.cases, results);
    say(`\n-- ${scenario.title}`);
    const { headers, rows } = scenario.table(result.cases, results);
    say(renderTable(headers, rows));
    tables.push({ title: scenario.title, headers, rows });
  }
  const common = { timestamp: at.toISOString(), mode: options.quick ? 'quick' : 'full', seed: options.seed, machine, build };
  for (const { result } of ran) writeJson(join(RESULTS_DIR, `${result.name}-${stamp}.json`), { ...common, ...result });

  const targets = evaluateTargets(results, options.quick);
  say('\n== Targets (issue 7)');
  say(renderTable(TARGET_HEADERS, targetRows(targets)));
  const durationSeconds = Math.round((performance.now() - started) / 100) / 10;
  writeJson(join(RESULTS_DIR, 'latest.json'), { ...common, only: options.only ?? null, durationSeconds, scenarios: results, targets });
  const command = ['npm run bench', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' ');
  writeFileSync(join(RESULTS_DIR, 'latest.md'), markdownReport(common, command, tables, targets));
  say(`\nwrote bench/results/latest.json, latest.md and <scenario>-${stamp}.json · total ${durationSeconds} s`);
  return ran.some(({ result }) => result.status === 'failed') ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    console.error(err);
    process.exitCode = 1;
  },
);
