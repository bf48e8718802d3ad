#!/usr/bin/env node
// Entry point of the syncctl CLI; the code lives in dist/ (built from src/ by `npm run build`).
import { main } from '../dist/cli/main.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    console.error(err);
    process.exitCode = 1;
  },
);
