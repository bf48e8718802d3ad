import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
// @ts-expect-error plain ESM script without type declarations
import { createAjv, KINDS, renderValidators } from '../../scripts/gen-validators.mjs';
import { validateKind } from '../../src/config/schema.js';

type Kind = 'Connection' | 'Sync';
type Doc = Record<string, unknown>;

const ROOT = new URL('../../', import.meta.url).pathname;

describe('precompiled schema validators', () => {
  it('match schema/syncctl.schema.json (run `npm run gen:validators` when this fails)', async () => {
    const committed = await readFile(`${ROOT}src/config/validators.generated.ts`, 'utf8');
    const fresh: string = await renderValidators();
    expect(committed.split('\n')[0]).toMatch(/^\/\/ GENERATED FILE .*scripts\/gen-validators\.mjs/);
    expect(committed).toBe(fresh);
  });

  it('give exactly the errors of the schema compiled at run time, on valid documents and hundreds of broken ones', () => {
    const schema = JSON.parse(readFileSync(`${ROOT}schema/syncctl.schema.json`, 'utf8')) as { $id: string };
    const ajv = createAjv(false);
    ajv.addSchema(schema);
    const runtime = Object.fromEntries((KINDS as Kind[]).map((k) => [k, ajv.getSchema(`${schema.$id}#/definitions/${k}`) as ValidateFunction])) as Record<Kind, ValidateFunction>;
    const expected = (kind: Kind, value: unknown): ErrorObject[] => {
      const fn = runtime[kind];
      return fn(value) ? [] : [...(fn.errors ?? [])];
    };

    const cases = corpus();
    let failing = 0;
    for (const { kind, value, label } of cases) {
      const want = expected(kind, value);
      if (want.length > 0) failing++;
      expect(validateKind(kind, value), label).toEqual(want);
    }
    // The corpus reaches the error paths, not only the happy one.
    expect(cases.length).toBeGreaterThan(500);
    expect(failing).toBeGreaterThan(cases.length / 2);
  });
});

/** Every definition document in the repository, plus a full-featured one of each kind. */
function baseDocuments(): { kind: Kind; value: Doc }[] {
  const files = ['examples', 'syncs', 'test/fixtures/config/valid'].flatMap((dir) => yamlFiles(`${ROOT}${dir}`));
  const docs: Doc[] = files.flatMap((file) => parseAllDocuments(readFileSync(file, 'utf8')).flatMap((d) => (Array.isArray(d) ? [] : [d.toJS() as Doc])));
  docs.push(
    { apiVersion: 'syncctl/v1', kind: 'Connection', name: 'hs', connector: 'hubspot', description: 'HubSpot', options: { token: '${env:HUBSPOT_TOKEN}', baseUrl: 'http://127.0.0.1:4010' } },
    {
      apiVersion: 'syncctl/v1',
      kind: 'Connection',
      name: 'shop',
      connector: 'sqlite',
      options: { path: 'shop.db', objects: { accounts: { table: 'accounts', id: 'id', updatedAt: 'updated_at', columns: { domain: 'website' } } }, associations: { 'customers-accounts': { table: 'links' } } },
    },
    {
      apiVersion: 'syncctl/v1',
      kind: 'Sync',
      name: 'full',
      description: 'every option',
      hub: 'crm',
      app: 'shop',
      enabled: false,
      pollInterval: '30s',
      notify: { webhook: 'https://example.com/hook' },
      objects: [
        {
          hub: 'contacts',
          app: 'customers',
          direction: 'to-app',
          conflictWinner: 'app',
          onlyWithEmail: false,
          match: ['email'],
          mappings: { defaults: false, fields: [{ hub: 'email', app: 'email_address', required: true, enabled: true }] },
          filters: { hub: [{ property: 'stage', op: 'in', value: ['lead'] }, { property: 'x', op: 'exists' }], app: [{ property: 'n', op: 'eq', value: 3 }] },
        },
        { hub: 'companies', app: 'accounts' },
      ],
      associations: [{ from: 'contacts', to: 'companies' }],
    },
  );
  return docs.filter((d) => d.kind === 'Connection' || d.kind === 'Sync').map((value) => ({ kind: value.kind as Kind, value }));
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return yamlFiles(full);
    return /\.ya?ml$/.test(e.name) ? [full] : [];
  });
}

const REPLACEMENTS: unknown[] = [null, 0, -1, 1.5, true, '', 'x', 'Not Valid!', '${env:X}', '${TOKEN}', '5', 'a'.repeat(600), [], ['x', 'x'], [1], {}, { 'bad key': 1 }];

/** Each base document, and each with one node removed, replaced by a value of another kind, or given an unknown key. */
function corpus(): { kind: Kind; value: unknown; label: string }[] {
  const out: { kind: Kind; value: unknown; label: string }[] = [];
  for (const { kind, value } of baseDocuments()) {
    const name = String(value.name);
    out.push({ kind, value, label: name });
    for (const pointer of pointers(value)) {
      out.push({ kind, value: edit(value, pointer, undefined), label: `${name} without ${pointer}` });
      REPLACEMENTS.forEach((r, i) => out.push({ kind, value: edit(value, pointer, r), label: `${name} with ${pointer} = replacement ${i}` }));
      out.push({ kind, value: edit(value, `${pointer}/unknownKey`, 'x'), label: `${name} with ${pointer}/unknownKey` });
    }
  }
  return out;
}

function pointers(value: unknown, at = ''): string[] {
  if (value === null || typeof value !== 'object') return [];
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  return entries.flatMap(([key, child]) => [`${at}/${key}`, ...pointers(child, `${at}/${key}`)]);
}

/** A deep copy of `doc` with the node at `pointer` set to `replacement` (removed when undefined). */
function edit(doc: Doc, pointer: string, replacement: unknown): Doc {
  const copy = structuredClone(doc);
  const segments = pointer.split('/').slice(1);
  const last = segments.pop() as string;
  let node: unknown = copy;
  for (const seg of segments) node = (node as Record<string, unknown>)[seg];
  if (node === null || typeof node !== 'object') return copy;
  const parent = node as Record<string, unknown>;
  if (replacement === undefined) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else {
    parent[last] = replacement;
  }
  return copy;
}
