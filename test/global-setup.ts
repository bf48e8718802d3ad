import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// Tests that start `bin/syncctl.js` as a real process need dist/ (and the CLI's bundle made
// from it) to match src/: this is `npm run build`, step by step. A compile error is reported
// but does not stop the run: `npm run typecheck` (CI) fails on it, and only the tests that
// spawn the CLI are affected.
export default function setup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const steps = [
    { name: 'tsc -p tsconfig.build.json', args: [`${root}node_modules/typescript/bin/tsc`, '-p', 'tsconfig.build.json'] },
    { name: 'node scripts/bundle-cli.mjs', args: [`${root}scripts/bundle-cli.mjs`] },
  ];
  for (const step of steps) {
    const result = spawnSync(process.execPath, step.args, { cwd: root, encoding: 'utf8' });
    if (result.status !== 0) {
      process.stderr.write(`\n[global-setup] ${step.name} failed; the CLI the tests start may be stale:\n${result.stdout}${result.stderr}\n`);
    }
  }
}
