// Real runner processes on temp projects: demo SQLite apps, definition files, a state file.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedDemo } from '../../src/demo/seed.js';
import type { RunnerStatus } from '../../src/runner/status.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The CLI entry to spawn: the real binary (the test setup builds dist/ first). */
function entry(): string {
  return join(ROOT, 'bin/syncctl.js');
}

export const CONNECTIONS = `apiVersion: syncctl/v1
kind: Connection
name: crm
connector: sqlite
options: { path: ../data/crm.db }
---
apiVersion: syncctl/v1
kind: Connection
name: shop
connector: sqlite
options:
  path: ../data/shop.db
  objects:
    accounts: { columns: { domain: website } }
`;

/** A sync of contacts (or companies) between the demo CRM and shop. */
export function syncYaml(name: string, options: { object?: 'contacts' | 'companies'; pollInterval?: string; enabled?: boolean; conflictWinner?: 'hub' | 'app' } = {}): string {
  const contacts = (options.object ?? 'contacts') === 'contacts';
  const object = contacts
    ? `  - hub: contacts
    app: customers
    direction: two-way
    conflictWinner: ${options.conflictWinner ?? 'hub'}
    mappings:
      fields:
        - { hub: email, app: email_address, required: true }
        - { hub: firstname, app: first_name }
        - { hub: lastname, app: last_name }`
    : `  - hub: companies
    app: accounts
    direction: two-way
    conflictWinner: ${options.conflictWinner ?? 'hub'}
    mappings:
      fields:
        - { hub: name, app: company_name, required: true }`;
  return `apiVersion: syncctl/v1
kind: Sync
name: ${name}
hub: crm
app: shop
enabled: ${options.enabled ?? true}
pollInterval: ${options.pollInterval ?? '1m'}
objects:
${object}
`;
}

export interface Project {
  dir: string;
  write(path: string, content: string): void;
}

/** A temp project with the demo apps in data/ and the given files (e.g. syncs/a.yaml). */
export async function project(files: Record<string, string>, contacts = 60): Promise<Project> {
  const dir = mkdtempSync(join(tmpdir(), 'syncctl-runner-'));
  await seedDemo(join(dir, 'data'), { contacts });
  const write = (path: string, content: string): void => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  };
  for (const [path, content] of Object.entries(files)) write(path, content);
  return { dir, write };
}

export interface RunnerProcess {
  url: string;
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Parsed JSON log lines so far. */
  logs(): Record<string, unknown>[];
  /** Resolves with the exit code (and signal). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  get<T = unknown>(path: string): Promise<{ status: number; body: T; text: string; type: string }>;
  post(path: string, body: string, headers?: Record<string, string>): Promise<{ status: number; body: unknown }>;
  status(): Promise<RunnerStatus>;
  /** Sends a signal, returns the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Runs `syncctl` with argv in `cwd` to completion. */
export function runToEnd(cwd: string, argv: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [entry(), ...argv], { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

/** Starts `syncctl --log-level info run --port 0 …` in `cwd` and waits until it listens. */
export async function startRunner(cwd: string, args: string[] = [], env: Record<string, string> = {}): Promise<RunnerProcess> {
  const child = spawn(process.execPath, [entry(), '--log-level', 'debug', 'run', '--port', '0', '--state', 'state.db', ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const url = await Promise.race([
    waitFor(() => /listening on (http:\/\/\S+)/.exec(stdout)?.[1], 15_000, 'the runner to listen'),
    exited.then((e) => {
      throw new Error(`the runner exited (${e.code}) before listening:\n${stdout}\n${stderr}`);
    }),
  ]);
  const get = async <T,>(path: string): Promise<{ status: number; body: T; text: string; type: string }> => {
    const res = await fetch(`${url}${path}`);
    const text = await res.text();
    const type = res.headers.get('content-type') ?? '';
    return { status: res.status, text, type, body: (type.includes('json') ? JSON.parse(text) : text) as T };
  };
  return {
    url,
    child,
    exited,
    stdout: () => stdout,
    stderr: () => stderr,
    logs: () => stderr.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>),
    get,
    async post(path, body, headers = { 'content-type': 'application/json' }) {
      const res = await fetch(`${url}${path}`, { method: 'POST', body, headers });
      const text = await res.text();
      return { status: res.status, body: text.startsWith('{') ? (JSON.parse(text) as unknown) : text };
    },
    status: async () => (await get<RunnerStatus>('/api/syncs')).body,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return (await exited).code;
    },
  };
}

/** Polls `probe` until it returns a value other than undefined/false. */
export async function waitFor<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 20_000, what = 'a condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until /readyz answers 200 (or fails with the last answer). */
export async function waitReady(runner: RunnerProcess, timeoutMs = 20_000): Promise<void> {
  let last = '';
  await waitFor(async () => {
    const r = await runner.get('/readyz');
    last = r.text;
    return r.status === 200;
  }, timeoutMs, 'readiness').catch((err: Error) => {
    throw new Error(`${err.message}\nlast /readyz: ${last}\nstderr:\n${runner.stderr().slice(-4000)}`);
  });
}
