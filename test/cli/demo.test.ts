import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/demo/seed.js';
import { project, runCli } from './harness.js';

function sha(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** A temp copy of the repository's demo: syncs/demo.yaml, data in demo/. */
function demoProject(): string {
  const dir = project({});
  mkdirSync(join(dir, 'syncs'));
  copyFileSync(new URL('../../syncs/demo.yaml', import.meta.url), join(dir, 'syncs', 'demo.yaml'));
  return dir;
}

interface AssociationJson {
  association: string;
  synced: number;
  inQueue: number;
  failing: number;
  reconciled: boolean;
}

async function associationStatus(dir: string): Promise<AssociationJson[]> {
  const status = await runCli(dir, ['status', 'crm-shop', '--format', 'json']);
  expect(status.code).toBe(0);
  return (JSON.parse(status.stdout) as { syncs: Array<{ associations: AssociationJson[] }> }).syncs[0]?.associations ?? [];
}

describe('the demo (npm start)', () => {
  it('seeds, applies, runs the initial sync and the first pass (associations reconciled) and shows the status; a rerun changes nothing', async () => {
    const dir = demoProject();
    const first = await runCli(dir, ['demo']);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Seeded the demo apps');
    expect(first.stdout).toContain('Initial sync of crm-shop');
    expect(first.stdout).toMatch(/contacts\s+↔\s+customers/);
    // The pass after the initial sync reconciles every association, and says what it wrote.
    expect(first.stdout).toContain('Incremental pass of crm-shop');
    for (const name of ['contacts → companies', 'deals → companies', 'deals → contacts']) {
      expect(first.stdout).toMatch(new RegExp(`${name}\\s+[1-9][\\d,]* / [\\d,]+\\s+0 / 0`));
    }
    expect(first.stdout).toContain('reconciled every linked record');
    expect(first.stdout).not.toContain('not reconciled yet');
    const associations = await associationStatus(dir);
    expect(associations.map((a) => a.association)).toEqual(['contacts->companies', 'deals->companies', 'deals->contacts']);
    for (const a of associations) {
      expect(a).toMatchObject({ reconciled: true, failing: 0 });
      expect(a.synced).toBeGreaterThan(0);
    }
    // The demo links records to excluded ones: those edges wait, in queue.
    expect(associations.reduce((n, a) => n + a.inQueue, 0)).toBeGreaterThan(0);

    const files = [sha(join(dir, 'demo', 'crm.db')), sha(join(dir, 'demo', 'shop.db'))];
    const second = await runCli(dir, ['demo']);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('No changes');
    expect(second.stdout).not.toContain('Initial sync of');
    expect(second.stdout).toContain('Incremental pass of crm-shop (');
    expect(second.stdout).toMatch(/0 record\(s\) written/);
    expect(second.stdout).toMatch(/contacts → companies\s+0 \/ 0\s+0 \/ 0/);
    expect([sha(join(dir, 'demo', 'crm.db')), sha(join(dir, 'demo', 'shop.db'))]).toEqual(files);
    expect(await associationStatus(dir)).toEqual(associations);
  });
});

describe('syncctl plan --data', () => {
  it('reports what the initial sync would do to records and writes nothing', async () => {
    const dir = demoProject();
    await seedDemo(join(dir, 'demo'));
    const before = [sha(join(dir, 'demo', 'crm.db')), sha(join(dir, 'demo', 'shop.db'))];
    const run = await runCli(dir, ['plan', '--data', '--format', 'markdown']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/contacts/);
    expect(run.stdout).toMatch(/dry run/i);
    expect([sha(join(dir, 'demo', 'crm.db')), sha(join(dir, 'demo', 'shop.db'))]).toEqual(before);
    expect(existsSync(join(dir, '.syncctl'))).toBe(false);
  });
});

describe('a failed initial sync', () => {
  it('is retried by the next apply once its cause is fixed, with the hint kept in the status', async () => {
    const dir = demoProject();
    await seedDemo(join(dir, 'demo'));
    expect((await runCli(dir, ['apply', '--yes', '--detach'])).code).toBe(0);
    renameSync(join(dir, 'demo', 'shop.db'), join(dir, 'demo', 'shop.db.away'));
    const failed = await runCli(dir, ['apply', '--yes']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/crm-shop failed/);
    expect(failed.stderr).toMatch(/hint:/);
    renameSync(join(dir, 'demo', 'shop.db.away'), join(dir, 'demo', 'shop.db'));
    const retried = await runCli(dir, ['apply', '--yes']);
    expect(retried.code).toBe(0);
    expect(retried.stdout).toContain('No changes');
    expect(retried.stdout).toContain('Initial sync of crm-shop');
    const status = await runCli(dir, ['status', '--format', 'json']);
    expect(status.stdout).toContain('"incremental"');
  });
});

describe('exporting the demo into a pipe', () => {
  it('records --output /dev/stdout | head ends quietly with exit 0 when head stops reading', async () => {
    const dir = demoProject();
    expect((await runCli(dir, ['demo'])).code).toBe(0);
    const cli = fileURLToPath(new URL('../../bin/syncctl.js', import.meta.url));
    // Hundreds of rows: more than a pipe holds, so the export is still writing when head leaves.
    const run = spawnSync('bash', ['-o', 'pipefail', '-c', '"$0" "$1" records crm-shop --output /dev/stdout | head -1', process.execPath, cli], { cwd: dir, encoding: 'utf8' });
    expect(run.stdout).toMatch(/^object,side,hubId,appId/);
    expect(run.stderr).not.toContain('Unexpected error');
    expect(run.status, run.stderr).toBe(0);
  });
});

describe('the demo refuses, and writes nothing, when it cannot run', () => {
  it('without a definitions directory: no demo data, no state', async () => {
    const dir = project({});
    const run = await runCli(dir, ['demo']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('definitions_dir_unreadable');
    expect(run.stderr).toContain('syncs');
    expect(existsSync(join(dir, 'demo'))).toBe(false);
    expect(existsSync(join(dir, '.syncctl'))).toBe(false);
  });

  // Under /proc a directory cannot be made, and Node's recursive mkdir would retry forever.
  it.skipIf(process.platform !== 'linux')('with a data directory that cannot be made: a clear error, not a hang, and --reset forgets nothing', async () => {
    const dir = demoProject();
    // With --reset too: the state it would forget stays.
    mkdirSync(join(dir, '.syncctl'));
    writeFileSync(join(dir, '.syncctl', 'state.db'), 'kept');
    for (const args of [['demo', '--data', '/proc/no-such-dir/demo'], ['demo', '--reset', '--data', '/proc/no-such-dir/demo']]) {
      const run = await runCli(dir, args);
      expect(run.code, args.join(' ')).toBe(1);
      expect(run.stderr).toContain('demo_data_unwritable');
      expect(run.stderr).toContain('--data');
      expect(run.stderr).not.toContain('Unexpected error');
      expect(readFileSync(join(dir, '.syncctl', 'state.db'), 'utf8')).toBe('kept');
    }
  });
});

describe('apply checks every sync against its apps before recording anything', () => {
  it('refuses an unknown mapped field and a missing table, naming the sync and its file', async () => {
    const dir = demoProject();
    await seedDemo(join(dir, 'demo'));
    const yaml = readFileSync(join(dir, 'syncs', 'demo.yaml'), 'utf8');
    writeFileSync(
      join(dir, 'syncs', 'demo.yaml'),
      yaml.replace('{ hub: firstname, app: first_name }', '{ hub: firstnme, app: first_name }').replace('app: accounts', 'app: acounts'),
    );
    const run = await runCli(dir, ['apply', '--yes']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('preflight_failed');
    expect(run.stderr).toMatch(/syncs\/demo\.yaml:\d+:\d+ sync crm-shop/);
    expect(run.stderr).toContain('firstnme');
    expect(run.stderr).toContain('acounts');
    expect(existsSync(join(dir, '.syncctl', 'state.db'))).toBe(true);
    expect((await runCli(dir, ['plan', '--detailed-exitcode'])).code).toBe(2);
  });
});
