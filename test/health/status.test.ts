// `syncctl status` on a real state store whose index the engine built from two real SQLite apps.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatStatusText, readStatusReport, type StatusReport } from '../../src/health/index.js';
import { openStateStore } from '../../src/store/index.js';
import { SqliteRecordIndex } from '../../src/store/sqlite/record-index.js';
import { addRows, buildFixture, handRow, LATER, run, SYNC, tempDir } from './helpers.js';

async function statusJson(dir: string, statePath: string, extra: string[] = []): Promise<StatusReport> {
  const r = await run(dir, ['status', '--state', statePath, '--format', 'json', ...extra]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as StatusReport;
}

describe('syncctl status counts', () => {
  it('given the hand-built fixture, when status runs, then each object and side counts match the records', async () => {
    const f = await buildFixture();
    await addRows(f.statePath, 'contacts', [handRow('app', 'q1', { status: 'in-queue', identifiers: [{ prop: 0, value: 'q@x.com' }] })]);

    const report = await statusJson(f.dir, f.statePath);

    expect(report.formatVersion).toBe(1);
    expect(report.syncs.map((s) => [s.name, s.lifecycle, s.hub, s.app, s.config])).toEqual([[SYNC, 'incremental', 'crm', 'shop', null]]);
    const [companies, contacts] = report.syncs[0]?.objects ?? [];
    expect(companies).toMatchObject({
      object: 'companies', appObject: 'accounts', direction: 'two-way',
      hub: { inSync: 2, failing: 0, excluded: 0, inQueue: 0, total: 2, lastChangeSeen: '2024-01-07T00:00:00.000Z' },
      app: { inSync: 2, failing: 0, excluded: 0, inQueue: 0, total: 2 },
    });
    expect(contacts?.hub).toMatchObject({
      inSync: 3, failing: 1, excluded: 2, inQueue: 0, pending: 0, skipped: 0, total: 6,
      failingByCategory: { missing_required_field: 1 }, excludedByReason: { no_email: 1, duplicate: 1 },
    });
    expect(contacts?.app).toMatchObject({
      inSync: 3, failing: 1, excluded: 1, inQueue: 1, total: 6,
      failingByCategory: { missing_required_field: 1 }, excludedByReason: { no_email: 1 },
    });
    expect(contacts?.lastRun).toMatchObject({ run: 1, phase: 'done', step: 3, completed: true, scanned: { hub: 5, app: 4 } });
  });

  it('given the fixture, when status prints text, then it shows an aligned table with the breakdowns and no colour off a terminal', async () => {
    const f = await buildFixture();
    const r = await run(f.dir, ['status', SYNC, '--state', f.statePath]);

    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('\u001b[');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^crm-shop {2}incremental {2}crm \(hub\) ↔ shop \(app\)$/);
    const header = lines.find((l) => l.includes('OBJECT')) ?? '';
    const hubRow = lines.find((l) => l.includes('contacts ↔ customers')) ?? '';
    expect(hubRow).toMatch(/contacts ↔ customers\s+hub\s+3\s+1\s+2\s+0\s+\S/);
    // Right-aligned counts end under their headings.
    expect(hubRow.indexOf(' 2  ') + 2).toBe(header.indexOf('EXCLUDED') + 'EXCLUDED'.length);
    expect(r.stdout).toContain('failing   hub: missing_required_field 1 · app: missing_required_field 1');
    expect(r.stdout).toContain('excluded  hub: duplicate 1, no_email 1 · app: no_email 1');
    expect(r.stdout).toMatch(/last run {2}#1 completed 2024-01-10T12:00:00.000Z/);
  });

  it('given a report, when formatted with colour, then lifecycle and failing counts are coloured', async () => {
    const f = await buildFixture();
    const report = await readStatusReport(f.statePath);
    expect(formatStatusText(report, { color: true })).toContain('\u001b[32mincremental\u001b[0m');
    expect(formatStatusText(report, { color: true })).toContain('\u001b[31m1\u001b[0m');
  });
});

describe('syncctl status lifecycles', () => {
  it('given an initial sync stopped in its second phase, when status runs, then it shows the running run per object with phase and progress', async () => {
    const f = await buildFixture('initial-sync');
    const store = await openStateStore(f.statePath);
    const index = new SqliteRecordIndex(store.database, store.location, () => LATER);
    const key = { sync: SYNC, object: 'contacts' };
    const cp = await index.startRun(key, 'def', { scanned: { hub: 0, app: 0 } });
    await index.commit(key, cp.run, { checkpoint: { ...cp, phase: 'sync-app', counts: { scanned: { hub: 5, app: 2 } } } });
    await store.close();

    const report = await statusJson(f.dir, f.statePath);
    const text = await run(f.dir, ['status', '--state', f.statePath]);

    expect(report.syncs[0]?.lifecycle).toBe('initial-sync');
    expect(report.syncs[0]?.objects[1]?.lastRun).toEqual({
      run: 2, phase: 'sync-app', step: 2, completed: false,
      startedAt: LATER.toISOString(), updatedAt: LATER.toISOString(), scanned: { hub: 5, app: 2 },
    });
    expect(text.stdout).toContain('crm-shop  initial sync running');
    expect(text.stdout).toMatch(/last run {2}#2 at step 2\/3 \(sync-app\), scanned hub 5 · app 2, last progress 2024-03-01T08:00:00.000Z/);
  });

  it.each([
    ['off', null, 'crm-shop  off'],
    ['orphaned', null, 'orphaned (its definition file was removed; off)'],
    ['failed', 'initial sync failed: auth refused', 'crm-shop  failed: initial sync failed: auth refused'],
    ['pending-initial-sync', null, 'crm-shop  pending initial sync'],
  ] as const)('given lifecycle %s, when status runs, then the headline says so', async (lifecycle, detail, expected) => {
    const f = await buildFixture();
    const store = await openStateStore(f.statePath);
    await store.setLifecycle(SYNC, lifecycle, detail);
    await store.close();

    const text = await run(f.dir, ['status', '--state', f.statePath]);
    const report = await statusJson(f.dir, f.statePath);

    expect(text.stdout).toContain(expected);
    expect(report.syncs[0]).toMatchObject({ lifecycle, detail });
  });

  it('given the sync file now fails validation, when status reads --dir, then the sync shows rejected config with file:line:col', async () => {
    const f = await buildFixture();
    mkdirSync(join(f.dir, 'syncs'));
    writeFileSync(join(f.dir, 'syncs', 'connections.yaml'), [
      'apiVersion: syncctl/v1', 'kind: Connection', 'name: crm', 'connector: sqlite', 'options: { path: ../crm.db }', '---',
      'apiVersion: syncctl/v1', 'kind: Connection', 'name: shop', 'connector: sqlite', 'options: { path: ../shop.db }', '',
    ].join('\n'));
    writeFileSync(join(f.dir, 'syncs', 'crm-shop.yaml'), [
      'apiVersion: syncctl/v1', 'kind: Sync', 'name: crm-shop', 'hub: crm', 'app: shop', 'objects:',
      '  - hub: contacts', '    app: customers', '    direction: sideways', '',
    ].join('\n'));

    const report = await statusJson(f.dir, f.statePath);
    const text = await run(f.dir, ['status', '--state', f.statePath]);

    const sync = report.syncs[0];
    expect(sync?.lifecycle).toBe('incremental');
    expect(sync?.config?.state).toBe('rejected');
    expect(sync?.config?.problems[0]).toMatchObject({ line: 9, column: expect.any(Number) });
    expect(sync?.config?.problems[0]?.location).toMatch(/crm-shop\.yaml:9:\d+$/);
    expect(text.stdout).toContain('incremental, rejected config');
    expect(text.stdout).toContain('definition rejected (the last applied definition keeps running):');
    expect(text.stdout).toMatch(/crm-shop\.yaml:9:\d+ /);
  });

  it('given a state with no syncs, when status runs, then it says how to apply them', async () => {
    const dir = tempDir();
    const store = await openStateStore(join(dir, 'state.db'));
    await store.close();
    const r = await run(dir, ['status', '--state', 'state.db']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('No syncs in');
    expect(r.stdout).toContain('syncctl apply');
  });
});

describe('syncctl status errors', () => {
  it('given a mistyped sync name, when status runs, then it exits 1 with unknown_sync and a did-you-mean', async () => {
    const f = await buildFixture();
    const r = await run(f.dir, ['status', 'crm-shp', '--state', f.statePath]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('There is no sync named "crm-shp"');
    expect(r.stderr).toContain('did you mean `crm-shop`?');
    expect(r.stderr).toContain('(code: unknown_sync)');
  });

  it('given a mistyped sync name and --format json, when status runs, then the error is JSON too', async () => {
    const f = await buildFixture();
    const r = await run(f.dir, ['status', 'nope', '--state', f.statePath, '--format', 'json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stderr)).toMatchObject({ error: { code: 'unknown_sync', meta: { sync: 'nope', known: [SYNC] } } });
  });

  it.each([['status'], ['records', SYNC]])('given no state file, when `%s` runs, then it fails with no_state and creates nothing', async (...argv) => {
    const dir = tempDir();
    const r = await run(dir, [...argv]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`There is no syncctl state at ${join(dir, '.syncctl', 'state.db')}`);
    expect(r.stderr).toContain('syncctl apply');
    expect(r.stderr).toContain('(code: no_state)');
    expect(existsSync(join(dir, '.syncctl'))).toBe(false);
  });

  it('given SYNCCTL_STATE naming a missing file, when status runs, then the error names that path', async () => {
    const dir = tempDir();
    const r = await run(dir, ['status'], { SYNCCTL_STATE: 'elsewhere/s.db' });
    expect(r.stderr).toContain(join(dir, 'elsewhere', 's.db'));
    expect(existsSync(join(dir, 'elsewhere'))).toBe(false);
  });
});
