import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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

describe('the demo (npm start)', () => {
  it('seeds, applies, runs the initial sync and shows the status; a rerun changes nothing', async () => {
    const dir = demoProject();
    const first = await runCli(dir, ['demo']);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Seeded the demo apps');
    expect(first.stdout).toContain('Initial sync of crm-shop');
    expect(first.stdout).toMatch(/contacts\s+↔\s+customers/);
    const shop = sha(join(dir, 'demo', 'shop.db'));
    const second = await runCli(dir, ['demo']);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('No changes');
    expect(second.stdout).not.toContain('Initial sync of');
    expect(sha(join(dir, 'demo', 'shop.db'))).toBe(shop);
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
