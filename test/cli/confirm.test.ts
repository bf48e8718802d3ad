import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { CONNECTIONS, offSync, project, runCli } from './harness.js';

/** Runs the CLI as if on a terminal, typing `answer` at the prompt. */
async function onTerminal(cwd: string, argv: string[], answer: string): Promise<{ code: number; stdout: string }> {
  const stdout = Object.assign(new PassThrough(), { isTTY: true });
  const stderr = new PassThrough();
  const stdin = Object.assign(new PassThrough(), { isTTY: true });
  let text = '';
  stdout.on('data', (c: Buffer) => {
    text += c.toString('utf8');
    // Answer once the question is on the screen, as a person would.
    if (text.includes('Enter a value:') && !stdin.writableEnded) stdin.end(`${answer}\n`);
  });
  stderr.resume();
  const io: CliIO = { stdout, stderr, stdin, env: { NO_COLOR: '1' }, cwd };
  const code = await main(argv, io);
  return { code, stdout: text };
}

describe('apply on a terminal', () => {
  it('applies after the answer yes', async () => {
    const dir = project({ 'syncs/connections.yaml': CONNECTIONS, 'syncs/a.yaml': offSync('a') });
    const run = await onTerminal(dir, ['apply'], 'yes');
    expect(run.stdout).toContain('Do you want to apply this plan?');
    expect(run.code).toBe(0);
    expect((await runCli(dir, ['plan', '--detailed-exitcode'])).code).toBe(0);
  });

  it('changes nothing after any other answer', async () => {
    const dir = project({ 'syncs/connections.yaml': CONNECTIONS, 'syncs/a.yaml': offSync('a') });
    const run = await onTerminal(dir, ['apply'], 'y');
    expect(run.code).toBe(1);
    expect((await runCli(dir, ['plan', '--detailed-exitcode'])).code).toBe(2);
  });
});
