import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDefinitions } from '../../src/config/index.js';
import { load } from './helpers.js';

const CORPUS = 'test/fixtures/config/broken';

/** What each broken file must produce: its first error's code and position. */
const EXPECTED: Record<string, { code: string; line: number; column: number }> = {
  'alias-bomb.yaml': { code: 'alias_limit_exceeded', line: 9, column: 10 },
  'bad-indentation.yaml': { code: 'yaml_syntax', line: 3, column: 7 },
  'binary-tag.yaml': { code: 'unsupported_tag', line: 6, column: 9 },
  'collection-key.yaml': { code: 'non_string_key', line: 5, column: 3 },
  'custom-tag.yaml': { code: 'unsupported_tag', line: 6, column: 9 },
  'deep-block-nesting.yaml': { code: 'nesting_too_deep', line: 70, column: 129 },
  'deep-nesting.yaml': { code: 'nesting_too_deep', line: 6, column: 74 },
  'duplicate-key.yaml': { code: 'duplicate_key', line: 5, column: 1 },
  'empty-documents.yaml': { code: 'no_documents', line: 1, column: 1 },
  'empty.yaml': { code: 'empty_file', line: 1, column: 1 },
  'list-document.yaml': { code: 'document_not_mapping', line: 7, column: 1 },
  'missing-api-version.yaml': { code: 'missing_api_version', line: 1, column: 1 },
  'non-string-key.yaml': { code: 'non_string_key', line: 10, column: 9 },
  'only-comments.yaml': { code: 'no_documents', line: 1, column: 1 },
  'scalar-document.yaml': { code: 'document_not_mapping', line: 2, column: 1 },
  'tab-indentation.yaml': { code: 'tab_indentation', line: 6, column: 1 },
  'unclosed-flow-mapping.yaml': { code: 'yaml_syntax', line: 6, column: 1 },
  'unclosed-quote.yaml': { code: 'yaml_syntax', line: 6, column: 1 },
  'unknown-kind.yaml': { code: 'unknown_kind', line: 2, column: 7 },
  'unresolved-alias.yaml': { code: 'unresolved_alias', line: 5, column: 10 },
  'unsupported-api-version.yaml': { code: 'unsupported_api_version', line: 1, column: 13 },
};

const tmp = mkdtempSync(path.join(os.tmpdir(), 'syncctl-corpus-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the broken-YAML corpus', () => {
  const files = readdirSync(CORPUS).sort();

  it('has an expectation for every file (and a file for every expectation)', () => {
    expect(files.length).toBeGreaterThanOrEqual(15);
    expect(files).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(files)('%s gives one positioned error with a stable code', (name) => {
    const file = `${CORPUS}/${name}`;
    const result = load([{ file, content: readFileSync(file) }]);
    expect(result.ok).toBe(false);
    const first = result.problems.find((p) => p.severity === 'error');
    expect(first).toMatchObject({ file, ...EXPECTED[name] });
    expect(first?.message).not.toMatch(/\n\s+at /); // no stack trace
    expect(first?.hint).toBeTruthy();
    expect(result.problems.length).toBeLessThanOrEqual(3);
  });

  it('the whole corpus loads together: every file reported, nothing valid, no throw', async () => {
    const result = await loadDefinitions(CORPUS, { phase: 'validate', env: {} });
    expect(result.files).toHaveLength(files.length);
    expect(new Set(result.problems.map((p) => p.file)).size).toBe(files.length);
    expect(result.ok).toBe(false);
    // list-document.yaml holds one valid connection before its broken document.
    expect(Object.keys(result.desired.connections)).toEqual(['ok']);
    expect(result.desired.syncs).toEqual({});
  });
});

describe('generated broken files', () => {
  it('a 5 MB file is refused unread', async () => {
    const dir = path.join(tmp, 'huge');
    mkdirSync(dir);
    const line = 'description: "' + 'x'.repeat(90) + '"\n';
    writeFileSync(path.join(dir, 'huge.yaml'), line.repeat(Math.ceil((5 * 1024 * 1024) / line.length)));
    const result = await loadDefinitions(dir, { phase: 'validate', env: {} });
    expect(result.problems).toEqual([expect.objectContaining({ code: 'file_too_large', file: path.join(dir, 'huge.yaml'), line: 1, column: 1, message: expect.stringContaining('5.0 MiB') })]);
  });

  it('the same 5 MB given as a source is refused without parsing', () => {
    const result = load([{ file: 'huge.yaml', content: 'a: 1\n'.repeat(1024 * 1024) }]);
    expect(result.problems.map((p) => [p.code, p.line, p.column])).toEqual([['file_too_large', 1, 1]]);
  });

  it('a binary file (NUL bytes) is positioned at the first NUL', () => {
    const bytes = Buffer.concat([Buffer.from('apiVersion: syncctl/v1\nkind: Sy'), Buffer.from([0, 1, 2, 255, 0]), Buffer.from('nc\n')]);
    const result = load([{ file: 'image.yaml', content: bytes }]);
    expect(result.problems.map((p) => [p.code, p.line, p.column])).toEqual([['binary_file', 2, 9]]);
  });

  it('UTF-16 text counts as binary', () => {
    const result = load([{ file: 'utf16.yaml', content: Buffer.from('\ufeffkind: Sync\n', 'utf16le') }]);
    expect(result.problems.map((p) => p.code)).toEqual(['binary_file']);
  });

  it('invalid UTF-8 is refused', () => {
    const result = load([{ file: 'latin1.yaml', content: Buffer.from('name: caf\xe9\n', 'latin1') }]);
    expect(result.problems.map((p) => [p.code, p.line, p.column])).toEqual([['invalid_encoding', 1, 1]]);
  });

  it('a file of more than 20,000 lines is refused before parsing', () => {
    const result = load([{ file: 'long.yaml', content: '# x\n'.repeat(20_001) }]);
    expect(result.problems.map((p) => [p.code, p.line, p.column])).toEqual([['too_many_lines', 20_001, 1]]);
  });

  it('a mistake repeated on every line is reported a bounded number of times', () => {
    const result = load([{ file: 'dups.yaml', content: 'a: 1\n'.repeat(500) }]);
    const dups = result.problems.filter((p) => p.code === 'duplicate_key');
    expect(dups.length).toBe(20);
    expect(dups[0]).toMatchObject({ line: 2, column: 1 });
  });

  it('a document with very many schema problems lists the first ones and says there are more', () => {
    const objects = Array.from({ length: 80 }, (_, i) => `  - { hub: o${i}, app: a${i}, colour: red }`).join('\n');
    const result = load([{ file: 's.yaml', content: `apiVersion: syncctl/v1\nkind: Sync\nname: s\nhub: a\napp: b\nobjects:\n${objects}\n` }]);
    // 50 schema problems + the cap notice, and the unknown connections a and b (a separate mistake).
    expect(result.problems.length).toBe(53);
    expect(result.problems.filter((p) => p.code === 'unknown_connection')).toHaveLength(2);
    expect(result.problems.filter((p) => p.code === 'too_many_problems')).toHaveLength(1);
  });

  it('a UTF-8 byte-order mark is accepted', () => {
    const result = load([{ file: 'bom.yaml', content: Buffer.from('\ufeffapiVersion: syncctl/v1\nkind: Connection\nname: crm\nconnector: sqlite\noptions: { path: x.db }\n', 'utf8') }]);
    expect(result.problems).toEqual([]);
  });
});

describe('YAML features that stay allowed', () => {
  it('anchors, aliases and merge keys within limits', () => {
    const content = `apiVersion: syncctl/v1
kind: Sync
name: s
hub: crm
app: shop
objects:
  - &base { hub: contacts, app: customers, conflictWinner: app }
  - <<: *base
    hub: leads
    app: prospects
`;
    const result = load([{ file: 'c.yaml', content: 'apiVersion: syncctl/v1\nkind: Connection\nname: crm\nconnector: sqlite\noptions: { path: a.db }\n---\napiVersion: syncctl/v1\nkind: Connection\nname: shop\nconnector: sqlite\noptions: { path: b.db }\n' }, { file: 's.yaml', content }]);
    expect(result.problems).toEqual([]);
    expect(result.desired.syncs.s?.objects.map((o) => [o.hub, o.app, o.conflictWinner])).toEqual([['contacts', 'customers', 'app'], ['leads', 'prospects', 'app']]);
  });

  it('a problem in one document does not hide the others in the same file', () => {
    const content = 'apiVersion: syncctl/v1\nkind: Connection\nname: a\nconnector: sqlite\noptions: { path: a.db }\n---\napiVersion: syncctl/v1\nkind: Connection\nname: b\nname: c\n---\napiVersion: syncctl/v1\nkind: Connection\nname: d\nconnector: sqlite\noptions: { path: d.db }\n';
    const result = load([{ file: 'm.yaml', content }]);
    expect(result.problems.map((p) => [p.code, p.line])).toEqual([['duplicate_key', 10]]);
    expect(Object.keys(result.desired.connections)).toEqual(['a', 'd']);
    // The broken document's name is still readable, so the runner can keep its last good definition.
    expect(result.rejected).toEqual([{ kind: 'Connection', name: 'b', file: 'm.yaml' }]);
    expect(result.problems[0]?.resource).toEqual({ kind: 'Connection', name: 'b' });
  });
});
