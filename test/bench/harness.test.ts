// The bench harness through its public faces: the flags, the scenario registry, and
// `node bench/run.mjs` itself writing its results (into a temp dir, never bench/results/).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseArgs } from '../../bench/lib/args.mjs';
import { SCENARIOS, loadScenario, withNeeds } from '../../bench/scenarios/index.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RUN = join(ROOT, 'bench', 'run.mjs');
const results = mkdtempSync(join(tmpdir(), 'syncctl-bench-results-'));

afterAll(() => rmSync(results, { recursive: true, force: true }));

function bench(args: string[]) {
  return spawnSync(process.execPath, [RUN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, SYNCCTL_BENCH_RESULTS: results } });
}

describe('bench flags', () => {
  it('reads --quick, --only, --no-build and --seed', () => {
    expect(parseArgs(['--quick', '--only', 'config,floor', '--no-build', '--seed=7'], SCENARIOS)).toEqual({ quick: true, only: ['config', 'floor'], build: false, seed: 7, help: false });
  });

  it('refuses an unknown flag, an unknown scenario and a seed that is not a whole number', () => {
    expect(() => parseArgs(['--fast'], SCENARIOS)).toThrow(/unknown option --fast/);
    expect(() => parseArgs(['--only', 'speed'], SCENARIOS)).toThrow(/no scenario named "speed"; scenarios: floor, config, export, incremental, initial-sync, hubspot/);
    expect(() => parseArgs(['--seed', 'x'], SCENARIOS)).toThrow(/--seed must be a whole number/);
    expect(() => parseArgs(['--only'], SCENARIOS)).toThrow(/--only needs a value/);
  });

  it('exits 2 with the reason on bad flags, 0 with the usage on --help', () => {
    const bad = bench(['--only', 'speed']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/no scenario named "speed"/);
    const help = bench(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/--quick/);
  });
});

describe('bench scenarios', () => {
  it('are each one module with the contract run.mjs relies on', async () => {
    for (const name of SCENARIOS) {
      const s = await loadScenario(name);
      expect(s.name).toBe(name);
      expect(typeof s.cases).toBe('function');
      expect(typeof s.run).toBe('function');
      expect(typeof s.table).toBe('function');
    }
  });

  it('run what a chosen scenario needs first', async () => {
    expect(await withNeeds(['initial-sync'])).toEqual(['floor', 'initial-sync']);
    expect(await withNeeds(['config'])).toEqual(['config']);
  });

  it('plan cases with ids, or say why they measure nothing', async () => {
    // Every scenario is written now; one whose subject is missing from dist/ returns { notMeasured }.
    for (const name of SCENARIOS) {
      const planned = await (await loadScenario(name)).cases({ quick: true, seed: 1 });
      if (Array.isArray(planned)) {
        expect(planned.length, name).toBeGreaterThan(0);
        for (const c of planned) expect(c, name).toMatchObject({ id: expect.any(String), params: expect.any(Object) });
      } else {
        expect(planned.notMeasured, name).toMatch(/\w/);
      }
    }
  });
});

describe('npm run bench', () => {
  it('runs a scenario in its own process and writes its results, latest.json and latest.md', () => {
    const run = bench(['--quick', '--only', 'floor', '--no-build']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/== Targets \(issue 7\)/);

    const latest = JSON.parse(readFileSync(join(results, 'latest.json'), 'utf8'));
    expect(latest.mode).toBe('quick');
    expect(latest.machine).toMatchObject({ cpuCount: expect.any(Number), node: process.version, totalMemoryMB: expect.any(Number) });
    const floor = latest.scenarios.floor.cases[0];
    expect(floor).toMatchObject({ id: '10k', ok: true, metrics: { records: 22_000 } });
    expect(floor.memory.peakRssMB).toBeGreaterThan(0);
    // The floor is the faster of the two copies: with SQLite's default page cache and with a big one.
    const { defaultCache, bigCache } = floor.metrics;
    expect(defaultCache.recordsPerSecond).toBeGreaterThan(0);
    expect(bigCache.recordsPerSecond).toBeGreaterThan(0);
    expect(floor.metrics.recordsPerSecond).toBe(Math.max(defaultCache.recordsPerSecond, bigCache.recordsPerSecond));
    expect(floor.metrics.cacheMB).toBe(bigCache.recordsPerSecond >= defaultCache.recordsPerSecond ? bigCache.cacheMB : 2);
    expect(latest.scenarios.config.status).toBe('not run');
    expect(latest.targets).toHaveLength(14);

    expect(readdirSync(results).some((f) => /^floor-.*\.json$/.test(f))).toBe(true);
    expect(existsSync(join(results, 'latest.md'))).toBe(true);
    expect(existsSync(join(results, 'data'))).toBe(true);
  });
});
