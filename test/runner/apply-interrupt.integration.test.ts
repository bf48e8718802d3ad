// Ctrl-C (or a TERM) during `syncctl apply --yes`: the initial sync stops after the page in
// hand, says so, exits 130 (143), and the next apply resumes it; a second signal stops at once
// and still leaves the apply lock free.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CONNECTIONS, project, runToEnd, syncYaml } from './helpers.js';

const CLI = fileURLToPath(new URL('../../bin/syncctl.js', import.meta.url));

describe('apply --yes, interrupted', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('stops the initial sync cleanly on %s, exits %i, and a second apply resumes it', async (signal, exitCode) => {
    const p = await project({ 'syncs/connections.yaml': CONNECTIONS, 'syncs/a.yaml': syncYaml('a', { pollInterval: '1h' }) }, 30_000);
    const child = spawn(process.execPath, [CLI, '--log-level', 'info', 'apply', '--yes', '--state', 'state.db'], { cwd: p.dir, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let signalled = false;
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
      // The initial sync has begun: its first page is in hand.
      if (!signalled && stderr.includes('initial sync started')) {
        signalled = true;
        child.kill(signal);
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(signalled).toBe(true);
    expect(code, stderr).toBe(exitCode);
    expect(stderr).toContain(`Stopping the initial sync after the page in hand (${signal})`);
    expect(stderr).toContain('was stopped; its progress is saved');
    expect(stderr).toContain('resumes where it stopped');
    expect(stderr).not.toContain('Unexpected error');

    const again = await runToEnd(p.dir, ['--log-level', 'info', 'apply', '--yes', '--state', 'state.db']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('initial sync resumed');
    // Resuming without creating anything twice is the kill-resume integration tests' subject.
    const status = await runToEnd(p.dir, ['status', 'a', '--state', 'state.db', '--format', 'json']);
    expect(JSON.parse(status.stdout)).toMatchObject({ syncs: [{ name: 'a', lifecycle: 'incremental' }] });
  }, 120_000);

  it('stops at once on a second SIGINT, and gives the apply lock back', async () => {
    const p = await project({ 'syncs/connections.yaml': CONNECTIONS, 'syncs/a.yaml': syncYaml('a', { pollInterval: '1h' }) }, 30_000);
    const child = spawn(process.execPath, [CLI, '--log-level', 'info', 'apply', '--yes', '--state', 'state.db'], { cwd: p.dir, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let signals = 0;
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
      if (signals === 0 && stderr.includes('initial sync started')) {
        signals = 1;
        child.kill('SIGINT');
      } else if (signals === 1 && stderr.includes('Stopping the initial sync')) {
        signals = 2;
        child.kill('SIGINT');
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(signals).toBe(2);
    expect(code, stderr).toBe(130);
    const state = new Database(join(p.dir, 'state.db'), { readonly: true });
    try {
      expect(state.prepare('SELECT count(*) FROM apply_lock').pluck().get()).toBe(0);
    } finally {
      state.close();
    }
  }, 120_000);

  it('still reports the initial syncs that completed before the stop', async () => {
    const p = await project(
      { 'syncs/connections.yaml': CONNECTIONS, 'syncs/a.yaml': syncYaml('a', { object: 'companies', pollInterval: '1h' }), 'syncs/b.yaml': syncYaml('b', { pollInterval: '1h' }) },
      30_000,
    );
    const child = spawn(process.execPath, [CLI, '--log-level', 'info', 'apply', '--yes', '--state', 'state.db'], { cwd: p.dir, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let signalled = false;
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
      // Syncs run in name order: stop once b has begun, a being done.
      if (!signalled && /"sync":"b"[^\n]*initial sync started/.test(stderr)) {
        signalled = true;
        child.kill('SIGINT');
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(signalled, stderr).toBe(true);
    expect(code, stderr).toBe(130);
    expect(stdout).toMatch(/of a \(/);
    expect(stdout).not.toMatch(/of b \(/);
    expect(stderr).toContain('The initial sync of b (contacts) was stopped');
  }, 120_000);
});
