import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// Tests that start `bin/syncctl.js` as a real process need dist/ to match src/.
export default function setup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  execFileSync(process.execPath, [`${root}node_modules/typescript/bin/tsc`, '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
}
