import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXCLUSION_REASONS, FAILURE_CATEGORIES } from '../../src/errors/categories.js';

/** Rows of the markdown table under `heading`: code -> hint (the last column). */
function tableAfter(doc: string, heading: string): Map<string, string> {
  const section = doc.split(`## ${heading}`)[1]?.split('\n## ')[0] ?? '';
  const rows = new Map<string, string>();
  for (const line of section.split('\n')) {
    const m = /^\| `([a-z_]+)` \|.*\| (.+) \|$/.exec(line);
    if (m?.[1] && m[2]) rows.set(m[1], m[2].trim());
  }
  return rows;
}

describe('docs/errors.md', () => {
  const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');

  it('documents exactly the failure categories of the code, with the same hints', () => {
    const rows = tableAfter(doc, 'Failure categories');
    expect([...rows.keys()].sort()).toEqual(Object.keys(FAILURE_CATEGORIES).sort());
    for (const [code, hint] of Object.entries(FAILURE_CATEGORIES)) expect(rows.get(code)).toBe(hint);
  });

  it('documents exactly the exclusion reasons of the code, with the same hints', () => {
    const rows = tableAfter(doc, 'Exclusion reasons');
    expect([...rows.keys()].sort()).toEqual(Object.keys(EXCLUSION_REASONS).sort());
    for (const [code, hint] of Object.entries(EXCLUSION_REASONS)) expect(rows.get(code)).toBe(hint);
  });
});
