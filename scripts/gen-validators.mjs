// Generates src/config/validators.generated.ts: the schema's validators precompiled by ajv's
// standalone code generation, so that the CLI neither loads ajv nor compiles the schema at
// start-up (that was most of `syncctl validate`'s cold start).
// `node scripts/gen-validators.mjs --check` exits 1 when the committed file is stale.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import standaloneCode from 'ajv/dist/standalone/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const schemaPath = `${root}schema/syncctl.schema.json`;
const outPath = `${root}src/config/validators.generated.ts`;

/** The kinds of definition document, each validated against `definitions/<kind>` of the schema. */
export const KINDS = ['Connection', 'Sync'];

/**
 * The ajv instance the validators are compiled with. src/config/schema.ts relies on these
 * options: allErrors (every mistake at once) and verbose (errors carry their schema and data,
 * which the messages and hints are built from). The equivalence test compiles with the same
 * instance at run time and checks that both give the same errors.
 */
export function createAjv(source = true) {
  const ajv = new Ajv({
    allErrors: true,
    verbose: true,
    strict: true,
    strictTypes: false,
    strictRequired: false,
    ...(source ? { code: { source: true, esm: true, lines: true } } : {}),
  });
  addFormats(ajv);
  return ajv;
}

/** Renders the generated module as a string (also used by the staleness test). */
export async function renderValidators() {
  const schema = JSON.parse(await readFile(schemaPath, 'utf8'));
  const ajv = createAjv();
  ajv.addSchema(schema);
  const refs = Object.fromEntries(KINDS.map((kind) => [kind, `${schema.$id}#/definitions/${kind}`]));
  const code = standaloneCode(ajv, refs);
  return (
    '// GENERATED FILE — do not edit. Regenerate with `npm run gen:validators` (scripts/gen-validators.mjs) from schema/syncctl.schema.json.\n' +
    '/* eslint-disable */\n' +
    '// @ts-nocheck\n' +
    // ajv's standalone code loads its few run-time helpers (ucs2length, the uri format) with require().
    "import { createRequire } from 'node:module';\n" +
    'const require = createRequire(import.meta.url);\n' +
    code.replace(/^"use strict";\n?/, '') +
    '\n'
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const next = await renderValidators();
  if (process.argv.includes('--check')) {
    const current = await readFile(outPath, 'utf8').catch(() => '');
    if (current !== next) {
      console.error('src/config/validators.generated.ts is stale: run `npm run gen:validators` and commit the result.');
      process.exit(1);
    }
    console.log('generated validators are up to date');
  } else {
    await writeFile(outPath, next);
    console.log(`wrote ${outPath.slice(root.length)}`);
  }
}
