import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONNECTIONS, offSync, project, runCli, writeFile } from './harness.js';

describe('syncctl validate', () => {
  it('exits 0 and summarises a valid directory', async () => {
    const dir = project({ 'syncs/connections.yaml': CONNECTIONS, 'syncs/a.yaml': offSync('a') });
    const run = await runCli(dir, ['validate']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('2 connection(s), 1 sync(s)');
  });

  it('exits 1 and names file, line and column of each problem', async () => {
    const dir = project({
      'syncs/connections.yaml': CONNECTIONS,
      'syncs/a.yaml': offSync('a').replace('conflictWinner: hub', 'conflictWiner: hub'),
    });
    const run = await runCli(dir, ['validate']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/syncs\/a\.yaml:12:5/);
    expect(run.stdout).toContain('conflictWinner');
  });

  it('reports problems as JSON for tools', async () => {
    const dir = project({ 'syncs/connections.yaml': CONNECTIONS, 'syncs/a.yaml': offSync('a').replace('hub: crm', 'hub: nope') });
    const run = await runCli(dir, ['validate', '--format', 'json']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { ok: boolean; problems: { code: string; line: number; file: string }[] };
    expect(report.ok).toBe(false);
    expect(report.problems.some((p) => p.file.endsWith('a.yaml') && p.line === 4)).toBe(true);
  });

  it('treats an unset env reference as a warning, and as an error with --strict', async () => {
    const files = {
      'syncs/connections.yaml': CONNECTIONS,
      'syncs/a.yaml': offSync('a').replace('pollInterval: 5m', 'pollInterval: 5m\nnotify: { webhook: "${env:NOTIFY_URL}" }'),
    };
    const dir = project(files);
    expect((await runCli(dir, ['validate'])).code).toBe(0);
    expect((await runCli(dir, ['validate', '--strict'])).code).toBe(1);
  });
});

describe('syncctl plan', () => {
  it('plans a create against an empty state without creating a state file', async () => {
    const dir = project({ 'syncs/connections.yaml': CONNECTIONS, 'syncs/a.yaml': offSync('a') });
    const run = await runCli(dir, ['plan']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('+ sync a');
    expect(run.stdout).toMatch(/Plan: 3 to create, 0 to change, 0 to turn off, 0 to delete\./);
    expect(existsSync(join(dir, '.syncctl'))).toBe(false);
  });

  it('--detailed-exitcode: 2 with changes, 0 without', async () => {
    const dir = project({ 'syncs/connections.yaml': CONNECTIONS, 'syncs/a.yaml': offSync('a') });
    expect((await runCli(dir, ['plan', '--detailed-exitcode'])).code).toBe(2);
    expect((await runCli(dir, ['apply', '--yes'])).code).toBe(0);
    const again = await runCli(dir, ['plan', '--detailed-exitcode']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('No changes');
  });

  it('exits 1 when the files are invalid, whatever the flags', async () => {
    const dir = project({ 'syncs/a.yaml': 'kind: [' });
    expect((await runCli(dir, ['plan', '--detailed-exitcode'])).code).toBe(1);
  });

  it('prints markdown for a PR and versioned JSON for tools', async () => {
    const dir = project({ 'syncs/connections.yaml': CONNECTIONS, 'syncs/a.yaml': offSync('a') });
    const md = await runCli(dir, ['plan', '--format', 'markdown']);
    expect(md.stdout.split('\n')[0]).toMatch(/Plan: 3 to create/);
    const json = await runCli(dir, ['plan', '--format', 'json']);
    const plan = JSON.parse(json.stdout) as { formatVersion: number; steps: { kind: string; name: string }[] };
    expect(plan.formatVersion).toBe(1);
    expect(plan.steps.map((s) => `${s.kind} ${s.name}`)).toContain('create a');
  });

  it('--out saves a plan that apply carries out, and refuses it once the files change', async () => {
    const dir = project({ 'syncs/connections.yaml': CONNECTIONS, 'syncs/a.yaml': offSync('a') });
    expect((await runCli(dir, ['plan', '--out', 'plan.json'])).code).toBe(0);
    writeFile(dir, 'syncs/a.yaml', offSync('a').replace('5m', '10m'));
    const stale = await runCli(dir, ['apply', 'plan.json']);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('stale_plan');
    writeFile(dir, 'syncs/a.yaml', offSync('a'));
    expect((await runCli(dir, ['apply', 'plan.json'])).code).toBe(0);
  });

  it('--out to a path that cannot be written fails clearly, prints no plan and leaves the file in the way alone', async () => {
    const dir = project({ 'syncs/connections.yaml': CONNECTIONS, 'syncs/a.yaml': offSync('a') });
    // A directory cannot be made below a file.
    writeFile(dir, 'taken', 'a file, not a directory\n');
    const run = await runCli(dir, ['plan', '--out', 'taken/plan.json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Cannot save the plan to');
    expect(run.stderr).toContain('taken/plan.json');
    expect(run.stderr).toContain('plan_unwritable');
    expect(run.stderr).not.toContain('Unexpected error');
    expect(run.stdout).toBe('');
    expect(readFileSync(join(dir, 'taken'), 'utf8')).toBe('a file, not a directory\n');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('--out through a symlink writes the file it points at and keeps the link; to a FIFO, writes into it', async () => {
    const dir = project({ 'syncs/connections.yaml': CONNECTIONS, 'syncs/a.yaml': offSync('a') });
    mkdirSync(join(dir, 'plans'));
    symlinkSync('plans/latest.json', join(dir, 'plan.json'));
    expect((await runCli(dir, ['plan', '--out', 'plan.json'])).code).toBe(0);
    expect(lstatSync(join(dir, 'plan.json')).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'plans', 'latest.json'), 'utf8'))).toMatchObject({ formatVersion: 1 });
    expect((await runCli(dir, ['apply', 'plan.json'])).code).toBe(0);

    execFileSync('mkfifo', [join(dir, 'pipe')]);
    const reader = execFile('cat', [join(dir, 'pipe')], { encoding: 'utf8' });
    const text = new Promise<string>((resolve) => reader.stdout?.on('data', (d: string) => resolve(d)));
    expect((await runCli(dir, ['plan', '--out', 'pipe'])).code).toBe(0);
    expect(await text).toContain('"formatVersion"');
    expect(lstatSync(join(dir, 'pipe')).isFIFO()).toBe(true);
  });

  it('--out /dev/stdout writes the plan into a piped stdout', () => {
    const dir = project({ 'syncs/connections.yaml': CONNECTIONS, 'syncs/a.yaml': offSync('a') });
    const cli = fileURLToPath(new URL('../../bin/syncctl.js', import.meta.url));
    // A shell's pipe (Node's own child stdio is a socket, which /dev/stdout cannot open).
    const run = spawnSync('bash', ['-o', 'pipefail', '-c', '"$0" "$1" plan --out /dev/stdout | cat', process.execPath, cli], { cwd: dir, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('"formatVersion": 1');
    expect(run.stderr).toContain('Saved the plan to /dev/stdout');
  });

  // Under /proc a directory cannot be made, and Node's recursive mkdir would retry forever.
  it.skipIf(process.platform !== 'linux')('--out and --state below a directory that cannot be made fail clearly instead of hanging', async () => {
    const dir = project({ 'syncs/connections.yaml': CONNECTIONS, 'syncs/a.yaml': offSync('a') });
    const plan = await runCli(dir, ['plan', '--out', '/proc/no-such-dir/plan.json']);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain('plan_unwritable');
    const apply = await runCli(dir, ['apply', '--yes', '--state', '/proc/no-such-dir/state.db']);
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain('state_path_unusable');
  });

  it('refuses a saved plan once another apply changed the state', async () => {
    const dir = project({ 'syncs/connections.yaml': CONNECTIONS, 'syncs/a.yaml': offSync('a') });
    expect((await runCli(dir, ['plan', '--out', 'plan.json'])).code).toBe(0);
    expect((await runCli(dir, ['apply', '--yes'])).code).toBe(0);
    const stale = await runCli(dir, ['apply', 'plan.json']);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('stale_plan');
  });
});

describe('syncctl apply', () => {
  it('needs --yes when not on a terminal, and changes nothing without it', async () => {
    const dir = project({ 'syncs/connections.yaml': CONNECTIONS, 'syncs/a.yaml': offSync('a') });
    const run = await runCli(dir, ['apply']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--yes');
    expect((await runCli(dir, ['plan', '--detailed-exitcode'])).code).toBe(2);
  });

  it('turns a removed sync off (orphaned) unless --allow-delete', async () => {
    const dir = project({ 'syncs/connections.yaml': CONNECTIONS, 'syncs/a.yaml': offSync('a'), 'syncs/b.yaml': offSync('b') });
    expect((await runCli(dir, ['apply', '--yes'])).code).toBe(0);
    rmSync(join(dir, 'syncs/b.yaml'));
    const orphan = await runCli(dir, ['apply', '--yes']);
    expect(orphan.code).toBe(0);
    expect(orphan.stdout).toMatch(/orphan/i);
    const del = await runCli(dir, ['apply', '--yes', '--allow-delete']);
    expect(del.code).toBe(0);
    expect(del.stdout).toMatch(/1 to delete/);
  });

  it('never prints or stores a secret value', async () => {
    const secret = 'sk-live-a8f3b2c9d4e5f6a7';
    const env = { HUBSPOT_TOKEN: secret };
    const dir = project({
      'syncs/connections.yaml': CONNECTIONS.replace(
        'name: shop\nconnector: sqlite\noptions: { path: ../data/shop.db }',
        'name: shop\nconnector: hubspot\noptions: { token: "${env:HUBSPOT_TOKEN}" }',
      ),
      'syncs/a.yaml': offSync('a'),
    });
    const outputs: string[] = [];
    for (const argv of [
      ['validate'], ['validate', '--format', 'json'],
      ['plan'], ['plan', '--format', 'markdown'], ['plan', '--format', 'json', '--out', 'plan.json'],
      ['apply', '--yes', '--log-level', 'trace'],
    ]) {
      const run = await runCli(dir, argv, env);
      outputs.push(run.stdout, run.stderr);
    }
    expect(outputs.join('\n')).toContain('${env:HUBSPOT_TOKEN}');
    expect(outputs.join('\n')).not.toContain(secret);
    expect(readFileSync(join(dir, 'plan.json'), 'utf8')).not.toContain(secret);
    for (const file of ['state.db', 'state.db-wal']) {
      const path = join(dir, '.syncctl', file);
      if (existsSync(path)) expect(readFileSync(path).includes(Buffer.from(secret))).toBe(false);
    }
  });
});
