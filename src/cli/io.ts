// What a command may touch of the outside world. Tests pass their own; the binary passes the process's.
import { redactSecrets } from '../log/redact.js';

export interface CliIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: Record<string, string | undefined>;
  cwd: string;
}

/** The real process's streams, environment and working directory. */
export function processIO(): CliIO {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd() };
}

/** Writes command output to stdout, scrubbing any secret value that slipped in. */
export function out(io: CliIO, text: string): void {
  io.stdout.write(redactSecrets(text.endsWith('\n') ? text : `${text}\n`));
}

/** Writes a message for people to stderr, scrubbing secrets. */
export function err(io: CliIO, text: string): void {
  io.stderr.write(redactSecrets(text.endsWith('\n') ? text : `${text}\n`));
}

/** True when colours and interactive prompts make sense. */
export function isInteractive(io: CliIO): boolean {
  return Boolean(io.stdout.isTTY && io.stdin.isTTY) && !io.env.CI;
}

/** True when ANSI colour should be used on stdout (honours NO_COLOR and FORCE_COLOR). */
export function useColor(io: CliIO): boolean {
  if (io.env.NO_COLOR) return false;
  if (io.env.FORCE_COLOR && io.env.FORCE_COLOR !== '0') return true;
  return Boolean(io.stdout.isTTY);
}
