import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without type declarations
import { renderTypes } from '../../scripts/gen-types.mjs';

describe('generated definition types', () => {
  it('match schema/syncctl.schema.json (run `npm run gen:types` when this fails)', async () => {
    const committed = await readFile(new URL('../../src/config/types.generated.ts', import.meta.url), 'utf8');
    const fresh: string = await renderTypes();
    expect(committed.split('\n')[0]).toMatch(/^\/\/ GENERATED FILE/);
    expect(committed).toBe(fresh);
  });
});
