import { describe, expect, it } from 'vitest';
import { hashConnection, hashSync, loadDefinitionsFromSources, type LoadResult, type SourceFile } from '../../src/config/index.js';
import { mergeLastGood, rememberFiles, type FileMemory } from '../../src/runner/last-good.js';
import type { AppliedState, Lifecycle } from '../../src/store/types.js';

const CONNECTIONS = `apiVersion: syncctl/v1
kind: Connection
name: crm
connector: sqlite
options: { path: ./crm.db }
---
apiVersion: syncctl/v1
kind: Connection
name: shop
connector: sqlite
options: { path: ./shop.db }
`;

function syncDoc(name: string, direction = 'two-way', hubObject = 'contacts', appObject = 'customers'): string {
  return `apiVersion: syncctl/v1
kind: Sync
name: ${name}
hub: crm
app: shop
objects:
  - hub: ${hubObject}
    app: ${appObject}
    direction: ${direction}
`;
}

function load(files: Record<string, string>): LoadResult {
  const sources: SourceFile[] = Object.entries(files).map(([file, content]) => ({ file, content }));
  return loadDefinitionsFromSources(sources, { phase: 'run', env: {}, baseDir: '/project' });
}

/** The state after applying a good load, every sync in `lifecycle`. */
function appliedFrom(result: LoadResult, lifecycle: Lifecycle = 'incremental', overrides: Record<string, Lifecycle> = {}): AppliedState {
  const at = '2026-01-01T00:00:00.000Z';
  return {
    revision: 1,
    connections: Object.fromEntries(
      Object.values(result.desired.connections).map((c) => [c.name, { name: c.name, hash: hashConnection(c), definition: c, appliedAt: at, appliedBy: 'test' }]),
    ),
    syncs: Object.fromEntries(
      Object.values(result.desired.syncs).map((s) => [
        s.name,
        { name: s.name, hash: hashSync(s), definition: s, lifecycle: overrides[s.name] ?? lifecycle, restart: null, detail: null, appliedAt: at, appliedBy: 'test', generation: 1 },
      ]),
    ),
  };
}

const resolve = (file: string): string => `/project/${file}`;

const GOOD = {
  'syncs/connections.yaml': CONNECTIONS,
  'syncs/a.yaml': syncDoc('a'),
  'syncs/b.yaml': syncDoc('b', 'two-way', 'companies', 'accounts'),
};

describe('mergeLastGood', () => {
  it('passes a fully valid load through unchanged', () => {
    const good = load(GOOD);
    const merged = mergeLastGood(good, appliedFrom(good), new Map(), resolve);
    expect(merged.total).toBe(false);
    expect(merged.kept).toEqual([]);
    expect(Object.keys(merged.desired.syncs)).toEqual(['a', 'b']);
    expect(merged.desired.syncs['a']).toBe(good.desired.syncs['a']);
  });

  it('keeps the applied definition of a sync whose new definition is rejected, and takes the valid ones', () => {
    const good = load(GOOD);
    const applied = appliedFrom(good);
    const broken = load({ ...GOOD, 'syncs/a.yaml': syncDoc('a', 'sideways'), 'syncs/b.yaml': syncDoc('b', 'to-app', 'companies', 'accounts') });
    expect(broken.rejected).toEqual([{ kind: 'Sync', name: 'a', file: 'syncs/a.yaml' }]);
    const merged = mergeLastGood(broken, applied, new Map(), resolve);
    expect(merged.kept).toEqual([{ kind: 'Sync', name: 'a', why: 'rejected', file: 'syncs/a.yaml' }]);
    expect(merged.desired.syncs['a']).toBe(applied.syncs['a']?.definition);
    expect(merged.desired.syncs['b']?.objects[0]?.direction).toBe('to-app');
  });

  it('keeps a connection that is rejected now, and every sync on it', () => {
    const good = load(GOOD);
    const applied = appliedFrom(good);
    const brokenConnections = CONNECTIONS.replace('options: { path: ./shop.db }', 'options: { path: 42 }');
    const merged = mergeLastGood(load({ ...GOOD, 'syncs/connections.yaml': brokenConnections }), applied, new Map(), resolve);
    expect(merged.kept.map((k) => `${k.kind}:${k.name}`).sort()).toEqual(['Connection:shop', 'Sync:a', 'Sync:b']);
    expect(merged.desired.connections['shop']).toBe(applied.connections['shop']?.definition);
    expect(Object.keys(merged.desired.syncs)).toEqual(['a', 'b']);
  });

  it('keeps every definition that came from a file that is no longer readable YAML', () => {
    const good = load(GOOD);
    const applied = appliedFrom(good);
    const memory: FileMemory = new Map();
    rememberFiles(memory, good, [], resolve);
    expect([...(memory.get('/project/syncs/a.yaml')?.syncs ?? [])]).toEqual(['a']);
    const unreadable = load({ ...GOOD, 'syncs/a.yaml': 'kind: Sync\nname: [unclosed\n  : : :\n' });
    const merged = mergeLastGood(unreadable, applied, memory, resolve);
    expect(merged.total).toBe(false);
    expect(merged.brokenFiles).toEqual(['syncs/a.yaml']);
    expect(merged.kept).toEqual([{ kind: 'Sync', name: 'a', why: 'file-unreadable', file: 'syncs/a.yaml' }]);
    expect(Object.keys(merged.desired.syncs)).toEqual(['a', 'b']);
    // The broken file keeps what it held in the memory for the next reconcile.
    rememberFiles(memory, unreadable, merged.brokenFiles, resolve);
    expect([...(memory.get('/project/syncs/a.yaml')?.syncs ?? [])]).toEqual(['a']);
  });

  it('finds what a broken file held from the applied definitions when the runner has no memory of it yet', () => {
    const good = load(GOOD);
    const merged = mergeLastGood(load({ ...GOOD, 'syncs/b.yaml': '{{{ not yaml' }), appliedFrom(good), new Map(), resolve);
    expect(merged.kept.map((k) => k.name)).toEqual(['b']);
  });

  it('lets a removed file orphan its syncs: only broken files keep theirs', () => {
    const good = load(GOOD);
    const withoutB = load({ 'syncs/connections.yaml': CONNECTIONS, 'syncs/a.yaml': syncDoc('a') });
    const merged = mergeLastGood(withoutB, appliedFrom(good), new Map(), resolve);
    expect(merged.kept).toEqual([]);
    expect(Object.keys(merged.desired.syncs)).toEqual(['a']);
  });

  it('does not bring an orphaned sync back with its old definition when its file returns broken', () => {
    const good = load(GOOD);
    const applied = appliedFrom(good, 'incremental', { a: 'orphaned' });
    const merged = mergeLastGood(load({ ...GOOD, 'syncs/a.yaml': syncDoc('a', 'sideways') }), applied, new Map(), resolve);
    expect(merged.kept).toEqual([]);
    expect(merged.desired.syncs['a']).toBeUndefined();
  });

  it('keeps everything as it runs when the directory itself is unusable', () => {
    const good = load(GOOD);
    const empty: LoadResult = { ...load({}), ok: false, problems: [{ severity: 'error', code: 'no_definitions', message: 'no *.yaml files in syncs', file: 'syncs' }] };
    const merged = mergeLastGood(empty, appliedFrom(good), new Map(), resolve);
    expect(merged.total).toBe(true);
  });

  it('keeps the applied connections a kept sync needs when the files dropped them', () => {
    const good = load(GOOD);
    const applied = appliedFrom(good);
    // The connections file is gone and sync a is broken: a runs on, so crm and shop stay.
    const merged = mergeLastGood(load({ 'syncs/a.yaml': syncDoc('a', 'sideways') }), applied, new Map(), resolve);
    expect(merged.kept.map((k) => `${k.kind}:${k.name}:${k.why}`).sort()).toEqual([
      'Connection:crm:used-by-kept-sync',
      'Connection:shop:used-by-kept-sync',
      'Sync:a:rejected',
    ]);
  });
});
