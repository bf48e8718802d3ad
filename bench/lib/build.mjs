// The bench measures the current sources: it builds dist/ first (as `npm run build` does).
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';

/** Runs `npm run build` in `root`; returns whether it passed, how long it took and the first errors. */
export function buildProject(root) {
  const started = performance.now();
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const res = spawnSync(npm, ['run', '--silent', 'build'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  const output = `${res.stdout ?? ''}${res.stderr ?? ''}`.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('npm warn'));
  return { ok: res.status === 0, seconds, errors: res.status === 0 ? [] : output.slice(0, 20) };
}
