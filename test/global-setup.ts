import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// Tests that start `bin/syncctl.js` as a real process need dist/ to match src/.
// A compile error is reported but does not stop the run: `npm run typecheck` (CI) fails on it,
// and only the tests that spawn the CLI are affected.
export default function setup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const result = spawnSync(process.execPath, [`${root}node_modules/typescript/bin/tsc`, '-p', 'tsconfig.build.json'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    process.stderr.write(`\n[global-setup] tsc -p tsconfig.build.json failed; dist/ may be stale:\n${result.stdout}${result.stderr}\n`);
  }
}
