// Config: `syncctl validate` and `syncctl plan` over 500 sync definition files, and the CLI's
// cold start, each timed as a whole process (`node bin/syncctl.js …`, start-up included).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ROOT } from '../lib/dist.mjs';
import { ensureDataset } from '../data.mjs';
import { connectionYaml, syncYaml } from '../lib/definitions.mjs';
import { makeScratch, removeScratch } from '../lib/scratch.mjs';
import { median } from '../lib/stats.mjs';
import { num } from '../lib/table.mjs';

const CLI = join(ROOT, 'bin', 'syncctl.js');

function cli(args, cwd) {
  const started = performance.now();
  const res = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 256 * 2 ** 20 });
  return { ms: performance.now() - started, status: res.status, stderr: res.stderr ?? '', stdout: res.stdout ?? '' };
}

/** Median wall time of `runs` runs; every run must exit with one of `okStatus`. */
function timed(label, args, cwd, runs, okStatus = [0]) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const r = cli(args, cwd);
    if (!okStatus.includes(r.status)) {
      throw new Error(`\`syncctl ${args.join(' ')}\` (${label}) exited ${r.status}: ${(r.stderr || r.stdout).trim().split('\n').slice(0, 8).join(' | ')}`);
    }
    times.push(r.ms);
  }
  return { medianMs: median(times), minMs: Math.min(...times), maxMs: Math.max(...times), runs };
}

/** 500 files, each one app connection and one sync to the shared hub; the hub in its own file. */
function writeManyDefinitions(dir, count) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, '000-hub.yaml'), connectionYaml('crm', 'data/crm.db'));
  for (let i = 1; i <= count; i++) {
    const n = String(i).padStart(3, '0');
    const app = `shop-${n}`;
    // A comment and a description, as real files have; both are parsed.
    writeFileSync(join(dir, `sync-${n}.yaml`), `# Shop ${n}: contacts and companies with the CRM.\n${connectionYaml(app, `data/${app}.db`)}---\n${syncYaml(`crm-${app}`, 'crm', app).replace('kind: Sync\n', `kind: Sync\ndescription: Shop ${n} and the CRM.\n`)}`);
  }
}

export default {
  name: 'config',
  title: 'Config: validate and plan over 500 definition files; CLI cold start',
  summary: 'whole CLI processes (start-up included): median of 5 runs over 500 files, median of 10 for cold start (--quick: 1 and 3)',
  cases: ({ quick }) => [{ id: '500 files', params: { files: 500, runs: quick ? 1 : 5, coldRuns: quick ? 3 : 10 }, timeoutSeconds: 300 }],
  async run({ files, runs, coldRuns }) {
    const dir = makeScratch('config');
    try {
      const many = join(dir, 'many');
      const one = join(dir, 'one');
      writeManyDefinitions(many, files);
      writeManyDefinitions(one, 1);
      const state = join(dir, 'state.db');
      // apply checks every sync against its apps before recording it: give them real (small) apps.
      const data = await ensureDataset(1000);
      mkdirSync(join(many, 'data'), { recursive: true });
      copyFileSync(data.hub, join(many, 'data', 'crm.db'));
      for (let i = 1; i <= files; i++) copyFileSync(data.app, join(many, 'data', `shop-${String(i).padStart(3, '0')}.db`));
      const out = {};
      out.validate = timed('validate', ['validate', '--dir', many], dir, runs);
      // Against no state: 500 syncs to create (what a first PR plans).
      out.planCreate = timed('plan, nothing applied', ['plan', '--dir', many, '--state', join(dir, 'absent.db'), '--detailed-exitcode'], dir, runs, [2]);
      // Applied once (without running initial syncs), then planned again: 500 unchanged (the everyday PR).
      const apply = cli(['apply', '--yes', '--detach', '--dir', many, '--state', state], dir);
      if (apply.status !== 0) throw new Error(`apply --detach exited ${apply.status}: ${apply.stderr.trim().split('\n').slice(0, 8).join(' | ')}`);
      out.applyDetachMs = apply.ms;
      out.planUnchanged = timed('plan, all applied', ['plan', '--dir', many, '--state', state, '--detailed-exitcode'], dir, runs, [0]);
      out.version = timed('--version', ['--version'], dir, coldRuns);
      out.validateOne = timed('validate one file', ['validate', '--dir', one], dir, coldRuns);
      return { files, ...out };
    } finally {
      removeScratch(dir);
    }
  },
  table: (cases) => {
    const c = cases[0];
    if (!c?.ok) return { headers: ['command', 'status'], rows: [['all', c?.status ?? 'not run']] };
    const m = c.metrics;
    const row = (label, t) => [label, num(t.medianMs), num(t.minMs), num(t.maxMs), t.runs];
    return {
      headers: ['command (whole process)', 'median ms', 'min ms', 'max ms', 'runs'],
      rows: [
        row(`validate, ${m.files} files`, m.validate),
        row(`plan, ${m.files} files, nothing applied (${m.files} creates)`, m.planCreate),
        row(`plan, ${m.files} files, all applied (unchanged)`, m.planUnchanged),
        [`apply --yes --detach, ${m.files} files (once)`, num(m.applyDetachMs), '', '', 1],
        row('--version (cold start)', m.version),
        row('validate, 1 file (cold start)', m.validateOne),
      ],
    };
  },
};
