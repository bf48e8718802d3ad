import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStateStore } from '../../src/store/index.js';
import { CONNECTIONS, offSync, project, runCli, writeFile } from './harness.js';

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', args, { cwd, stdio: 'ignore', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });
}

describe('syncctl plan --base', () => {
  it('diffs the working tree against a git ref with no state store at all', async () => {
    const dir = project({ 'syncs/connections.yaml': CONNECTIONS, 'syncs/a.yaml': offSync('a') });
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'base');
    writeFile(dir, 'syncs/a.yaml', offSync('a').replace('pollInterval: 5m', 'pollInterval: 1m'));
    writeFile(dir, 'syncs/b.yaml', offSync('b'));
    const run = await runCli(dir, ['plan', '--base', 'HEAD', '--format', 'markdown', '--detailed-exitcode']);
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/Plan: 1 to create, 1 to change/);
    expect(run.stdout).toContain('pollInterval');
    expect(existsSync(join(dir, '.syncctl'))).toBe(false);
  });

  it('fails clearly on an unknown ref', async () => {
    const dir = project({ 'syncs/connections.yaml': CONNECTIONS });
    git(dir, 'init', '-q');
    const run = await runCli(dir, ['plan', '--base', 'no-such-ref']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('no-such-ref');
  });
});

describe('the apply lock', () => {
  it('refuses a second apply and names the holder', async () => {
    const dir = project({ 'syncs/connections.yaml': CONNECTIONS, 'syncs/a.yaml': offSync('a') });
    const store = await openStateStore(join(dir, '.syncctl', 'state.db'));
    // This test process is alive, so its lock is not stale.
    const lock = await store.acquireApplyLock({ pid: process.pid, host: hostname(), user: 'alice', command: 'syncctl apply' });
    try {
      const run = await runCli(dir, ['apply', '--yes']);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('alice');
      expect(run.stderr).toContain(String(process.pid));
    } finally {
      await lock.release();
      await store.close();
    }
    expect((await runCli(dir, ['apply', '--yes'])).code).toBe(0);
  });
});

describe('help', () => {
  it('teaches each command with examples and exit codes', async () => {
    const dir = project({});
    const top = await runCli(dir, ['--help']);
    expect(top.code).toBe(0);
    for (const command of ['validate', 'plan', 'apply']) {
      expect(top.stdout).toContain(command);
      const help = await runCli(dir, [command, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(/Exit codes/);
      expect(help.stdout).toMatch(/Examples/);
    }
  });

  it('rejects an unknown command with a suggestion', async () => {
    const run = await runCli(project({}), ['pln']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('plan');
  });
});

describe('syncctl plan --base on the PR that adds the definitions', () => {
  it('treats a directory missing at the base as empty', async () => {
    const dir = project({ 'README.md': 'x' });
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'base');
    writeFile(dir, 'syncs/connections.yaml', CONNECTIONS);
    writeFile(dir, 'syncs/a.yaml', offSync('a'));
    const run = await runCli(dir, ['plan', '--base', 'HEAD']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Plan: 3 to create/);
  });
});

describe('option values', () => {
  it('refuses an unknown --format with the allowed values', async () => {
    for (const command of ['validate', 'plan']) {
      const run = await runCli(project({}), [command, '--format', 'yaml']);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/Allowed choices are text, .*json/);
    }
  });
});
