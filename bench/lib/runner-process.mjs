// `syncctl run` as its own process, the way a platform team runs it: the real CLI, its HTTP
// port picked by the OS, logs kept in a file for when something goes wrong.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './dist.mjs';

const CLI = join(ROOT, 'bin', 'syncctl.js');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts `syncctl run --dir DIR --state STATE --port 0`; resolves once it says where it listens.
 * `logFile` receives its stderr (JSON log lines).
 */
export async function startRunner({ dir, state, env, logFile, logLevel = 'warn', startTimeoutMs = 60_000 }) {
  const child = spawn(process.execPath, [CLI, '--log-level', logLevel, 'run', '--dir', dir, '--state', state, '--host', '127.0.0.1', '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, ...env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = createWriteStream(logFile);
  child.stderr.pipe(log);
  // The last of its log, for errors: the scratch directory (and the file) goes with the case.
  let tail = '';
  child.stderr.on('data', (chunk) => {
    tail = (tail + chunk.toString()).slice(-2000);
  });
  const lastWords = () => (tail.trim() ? `: ${tail.trim().split('\n').slice(-4).join(' | ')}` : '');
  let stdout = '';
  const exited = new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`syncctl run did not say where it listens within ${startTimeoutMs / 1000} s${lastWords()}`)), startTimeoutMs);
    child.stdout.on('data', (chunk) => {
      stdout += chunk.toString();
      const m = /listening on (http:\/\/\S+)/.exec(stdout);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`syncctl run exited ${signal ?? code} before listening${lastWords()}${stdout.trim() ? ` (stdout: ${stdout.trim().slice(-500)})` : ''}`));
    });
  });
  child.stdout.resume();
  return {
    url,
    pid: child.pid,
    async getJson(path) {
      const res = await fetch(new URL(path, url));
      return { status: res.status, body: await res.json() };
    },
    async post(path, body) {
      const res = await fetch(new URL(path, url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: res.status, body: await res.json() };
    },
    /** SIGTERM, then SIGKILL if it has not stopped after `graceMs`; resolves to how it exited. */
    async stop(graceMs = 15_000) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const how = await exited;
      clearTimeout(timer);
      await new Promise((resolve) => log.end(resolve));
      return how;
    },
  };
}

/** Waits until `sync`'s worker has finished a pass and is idle (the runner's start-up poll done). */
export async function waitForIdleWorker(runner, sync, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    const { status, body } = await runner.getJson('/api/syncs');
    const view = status === 200 ? body.syncs?.find((s) => s.name === sync) : undefined;
    last = view?.worker ? `${view.lifecycle}, worker ${view.worker.state}, ${view.worker.passes} pass(es)` : (view?.lifecycle ?? `HTTP ${status}`);
    if (view?.lifecycle === 'failed' || view?.worker?.state === 'failed') throw new Error(`sync ${sync} failed in the runner: ${view.detail ?? view.worker?.lastError?.message ?? 'see its log'}`);
    // A runner that restarted the initial sync would measure something else: the copied state's
    // definitions must be the ones the files hold.
    if (view?.worker && view.worker.initialSync.started > 0) throw new Error(`the runner restarted the initial sync of ${sync}: the definitions differ from the copied state's`);
    if (view?.lifecycle === 'incremental' && view.worker?.state === 'idle' && view.worker.passes > 0) return view;
    await sleep(50);
  }
  throw new Error(`sync ${sync} was not idle in the runner within ${timeoutMs / 1000} s (last: ${last})`);
}
