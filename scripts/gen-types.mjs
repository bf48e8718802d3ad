// Generates src/config/types.generated.ts from schema/syncctl.schema.json.
// `node scripts/gen-types.mjs --check` exits 1 when the committed file is stale.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { compile } from 'json-schema-to-typescript';

const root = fileURLToPath(new URL('..', import.meta.url));
const schemaPath = `${root}schema/syncctl.schema.json`;
const outPath = `${root}src/config/types.generated.ts`;

/** Renders the generated module as a string (also used by the staleness test). */
export async function renderTypes() {
  const schema = JSON.parse(await readFile(schemaPath, 'utf8'));
  const body = await compile(schema, 'SyncctlDocument', {
    bannerComment: '',
    unreachableDefinitions: true,
    additionalProperties: false,
    strictIndexSignatures: true,
    format: true,
    cwd: `${root}schema`,
  });
  return (
    '// GENERATED FILE — do not edit. Regenerate with `npm run gen:types` from schema/syncctl.schema.json.\n' +
    '/* eslint-disable */\n' +
    body
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const next = await renderTypes();
  if (process.argv.includes('--check')) {
    const current = await readFile(outPath, 'utf8').catch(() => '');
    if (current !== next) {
      console.error('src/config/types.generated.ts is stale: run `npm run gen:types` and commit the result.');
      process.exit(1);
    }
    console.log('generated types are up to date');
  } else {
    await writeFile(outPath, next);
    console.log(`wrote ${outPath.slice(root.length)}`);
  }
}
