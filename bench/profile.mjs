// Profiles one case of one scenario with `node --cpu-prof` and prints where the time went.
//   node bench/profile.mjs SCENARIO [CASE|CONTACTS] [--no-build]   e.g. initial-sync 100k, or initial-sync 2000
// The .cpuprofile is kept in bench/results/profiles/ (open it in Chrome DevTools or speedscope).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SEED } from './data.mjs';
import { buildProject } from './lib/build.mjs';
import { summarizeProfile } from './lib/cpu-profile.mjs';
import { ROOT } from './lib/dist.mjs';
import { PROFILES_DIR as PROFILES } from './lib/paths.mjs';
import { renderTable } from './lib/table.mjs';
import { loadScenario } from './scenarios/index.mjs';

const CHILD = fileURLToPath(new URL('./lib/child.mjs', import.meta.url));

async function main(argv) {
  const flags = argv.filter((a) => a.startsWith('--'));
  const [name, id] = argv.filter((a) => !a.startsWith('--'));
  if (!name) {
    console.error('usage: node bench/profile.mjs SCENARIO [CASE] [--no-build]   e.g. node bench/profile.mjs initial-sync 100k');
    return 2;
  }
  if (!flags.includes('--no-build')) {
    const build = buildProject(ROOT);
    if (!build.ok) console.error(`build failed (profiling what was emitted):\n  ${build.errors.join('\n  ')}`);
  }
  const scenario = await loadScenario(name);
  const planned = await scenario.cases({ quick: false, seed: DEFAULT_SEED });
  if (!Array.isArray(planned)) {
    console.error(`${name} is not measured: ${planned.notMeasured}`);
    return 1;
  }
  // A bare number picks a dataset size of its own (e.g. 2000 contacts for a quick look).
  const sized = id && /^\d+$/.test(id) && planned[0]?.params?.contacts !== undefined ? { ...planned[0], id, params: { ...planned[0].params, contacts: Number(id) } } : undefined;
  const c = sized ?? (id ? planned.find((x) => x.id === id) : planned[0]);
  if (!c) {
    console.error(`${name} has no case "${id}"; cases: ${planned.map((x) => x.id).join(', ')}`);
    return 2;
  }
  await scenario.prepare?.(c.params);
  mkdirSync(PROFILES, { recursive: true });
  const before = new Set(readdirSync(PROFILES));
  // Run without IPC: the child's process.send is absent, so it only runs the case.
  const res = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', PROFILES, CHILD, name, JSON.stringify(c.params)], { cwd: ROOT, stdio: 'inherit' });
  if (res.status !== 0) return res.status ?? 1;
  const made = readdirSync(PROFILES).filter((f) => !before.has(f) && f.endsWith('.cpuprofile'));
  const file = made.map((f) => join(PROFILES, f)).sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  const summary = summarizeProfile(file);
  const pct = (s) => `${(s * 100).toFixed(1)}%`;
  console.log(`\n${name} ${c.id}: ${summary.totalMs} ms sampled · ${file}`);
  console.log(renderTable(['layer (innermost syncctl frame)', 'ms', 'share'], summary.layers.map((f) => [f.name, f.ms, pct(f.share)])));
  console.log();
  console.log(renderTable(['function (self time)', 'ms', 'share'], summary.functions.map((f) => [f.name, f.ms, pct(f.share)])));
  console.log();
  console.log(renderTable(['file (self time)', 'ms', 'share'], summary.files.map((f) => [f.name, f.ms, pct(f.share)])));
  return 0;
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
