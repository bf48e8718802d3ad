// Runs the CLI in-process with captured streams, a chosen cwd and environment.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/io.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

/** Runs `syncctl ...argv` in `cwd` with `env` (no TTY, so no prompts and no colour). */
export async function runCli(cwd: string, argv: string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
  const stdout = capture();
  const stderr = capture();
  const stdin = new PassThrough();
  stdin.end();
  const io: CliIO = { stdout: stdout.stream, stderr: stderr.stream, stdin, env: { ...env }, cwd };
  const code = await main(argv, io);
  await new Promise((r) => setImmediate(r));
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/** A fresh temp project directory with the given files (path -> content). */
export function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'syncctl-cli-'));
  for (const [path, content] of Object.entries(files)) writeFile(dir, path, content);
  return dir;
}

/** Writes (or overwrites) one file of a project. */
export function writeFile(dir: string, path: string, content: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), content);
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
options: { path: ../data/shop.db }
`;

/** A sync that is turned off, so that applying it needs no app databases. */
export function offSync(name: string, extra = ''): string {
  return `apiVersion: syncctl/v1
kind: Sync
name: ${name}
hub: crm
app: shop
enabled: false
pollInterval: 5m
objects:
  - hub: contacts
    app: customers
    direction: two-way
    conflictWinner: hub
${extra}`;
}
