// Ctrl-C during `syncctl apply --yes`: the initial sync stops after the page in hand, says so,
// exits 130, and the next apply resumes it.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONNECTIONS, project, runToEnd, syncYaml } from './helpers.js';

const CLI = fileURLToPath(new URL('../../bin/syncctl.js', import.meta.url));

describe('apply --yes, interrupted', () => {
  it('stops the initial sync cleanly on SIGINT, exits 130, and a second apply resumes it', async () => {
    const p = await project({ 'syncs/connections.yaml': CONNECTIONS, 'syncs/a.yaml': syncYaml('a', { pollInterval: '1h' }) }, 30_000);
    const child = spawn(process.execPath, [CLI, '--log-level', 'info', 'apply', '--yes', '--state', 'state.db'], { cwd: p.dir, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let signalled = false;
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
      // The initial sync has begun: its first page is in hand.
      if (!signalled && stderr.includes('initial sync started')) {
        signalled = true;
        child.kill('SIGINT');
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(signalled).toBe(true);
    expect(code, stderr).toBe(130);
    expect(stderr).toContain('Stopping the initial sync after the page in hand (SIGINT)');
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
});
