#!/usr/bin/env node
// Entry point of the syncctl CLI; the code lives in dist/bundle/ (built from src/ by `npm run build`: tsc, then scripts/bundle-cli.mjs).
import { readFileSync } from 'node:fs';
import module from 'node:module';

const args = process.argv.slice(2);
// `syncctl records … | head` closes the pipe early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  // Answered before loading the CLI: scripts call this often and should not pay for start-up.
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  process.stdout.write(`${pkg.version}\n`);
} else {
  // Node >= 22.1 caches compiled code on disk (a third off start-up); on Node 20 there is no such API and this is a no-op.
  module.enableCompileCache?.();
  const { main } = await import('../dist/bundle/main.js');
  main(args).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
