// `apply --detach` records the plan and leaves the initial sync to a runner on the same state.
import { afterAll, describe, expect, it } from 'vitest';
import { CONNECTIONS, project, type RunnerProcess, runToEnd, startRunner, syncYaml, waitFor, waitReady } from './helpers.js';

let runner: RunnerProcess | undefined;

afterAll(async () => {
  await runner?.stop('SIGKILL');
});

describe('apply --detach, then syncctl run', () => {
  it('the runner carries out the initial sync the detached apply left pending', async () => {
    const proj = await project({ 'syncs/connections.yaml': CONNECTIONS, 'syncs/a.yaml': syncYaml('a', { pollInterval: '1h' }) });
    const applied = await runToEnd(proj.dir, ['apply', '--yes', '--detach', '--state', 'state.db']);
    expect(applied.code).toBe(0);
    const pending = await runToEnd(proj.dir, ['status', '--format', 'json', '--state', 'state.db']);
    expect(pending.stdout).toContain('"pending-initial-sync"');
    runner = await startRunner(proj.dir);
    await waitReady(runner);
    await waitFor(async () => (await runner?.status())?.syncs.find((s) => s.name === 'a')?.lifecycle === 'incremental', 20_000, 'sync a to finish its initial sync');
    const done = await runToEnd(proj.dir, ['records', 'a', '--status', 'in-sync', '--format', 'json', '--state', 'state.db']);
    expect((JSON.parse(done.stdout) as unknown[]).length).toBeGreaterThan(0);
  });
});
