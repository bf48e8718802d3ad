import { PassThrough } from 'node:stream';
import { Command, CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { WEBHOOK_SECRET_ENV, emulatorCommand } from '../../src/cli/commands/emulator.js';
import type { CliIO } from '../../src/cli/io.js';
import { api } from './helpers.js';

function harness(env: Record<string, string> = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks: string[] = [];
  const errChunks: string[] = [];
  stdout.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
  stderr.on('data', (c: Buffer) => errChunks.push(c.toString('utf8')));
  const io: CliIO = { stdout, stderr, stdin: new PassThrough(), env, cwd: process.cwd() };
  const stop = new AbortController();
  let exit: number | undefined;
  const program = new Command('syncctl')
    .exitOverride()
    .configureOutput({ writeOut: (t) => stdout.write(t), writeErr: (t) => stderr.write(t) })
    .addCommand(emulatorCommand(io, (code) => (exit = code), () => 'silent', stop.signal));
  return {
    run: (argv: string[]) => program.parseAsync(argv, { from: 'user' }),
    stdout: () => chunks.join(''),
    stderr: () => errChunks.join(''),
    stop: () => stop.abort(),
    exit: () => exit,
  };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('syncctl emulator hubspot', () => {
  it('serves until stopped, with the options it was given', async () => {
    const h = harness();
    const running = h.run(['emulator', 'hubspot', '--port', '0', '--seed', 'demo', '--token', 'cli-secret-token', '--rate-limit', '50/10s', '--burst-429', '1']);
    await until(() => h.stdout().includes('listening on'));
    const url = /listening on (http:\/\/\S+)/.exec(h.stdout())?.[1] ?? '';
    expect(h.stdout()).toContain('seeded:      40 companies, 200 contacts, 60 deals');
    expect(h.stdout()).toContain('50 per 10s');
    expect(h.stdout()).not.toContain('cli-secret-token');
    expect((await api({ url }, 'GET', '/crm/v3/objects/contacts', undefined, 'cli-secret-token')).status).toBe(429);
    const ok = await api({ url }, 'GET', '/crm/v3/objects/contacts', undefined, 'cli-secret-token');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('x-hubspot-ratelimit-max')).toBe('50');
    expect((await api({ url }, 'GET', '/crm/v3/objects/contacts', undefined, 'wrong')).status).toBe(401);
    h.stop();
    await running;
    expect(h.stdout()).toContain('HubSpot emulator stopped.');
    expect(h.exit()).toBe(0);
  });

  it.each([
    [['--rate-limit', 'fast'], '--rate-limit "fast" is not a rate limit'],
    [['--error-rate', '2'], '--error-rate "2" is not a rate between 0 and 1'],
    [['--latency', 'slow'], '--latency "slow" is not a duration'],
    [['--webhook-url', 'ftp://x'], 'is not an http(s) URL'],
    [['--webhook-url', 'http://127.0.0.1:1/hook'], WEBHOOK_SECRET_ENV],
    [['--port', '70000'], 'is not a TCP port'],
  ])('refuses %j with a message that says how to fix it', async (args, message) => {
    const h = harness();
    const error = await h.run(['emulator', 'hubspot', ...args]).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'emulator_bad_option' });
    expect(`${(error as Error).message} ${(error as { hint?: string }).hint ?? ''}`).toContain(message);
  });

  it('takes the webhook secret from the environment', async () => {
    const h = harness({ [WEBHOOK_SECRET_ENV]: 'from-env-secret' });
    const running = h.run(['emulator', 'hubspot', '--port', '0', '--webhook-url', 'http://127.0.0.1:9/hooks']);
    await until(() => h.stdout().includes('listening on'));
    expect(h.stdout()).toContain('POST http://127.0.0.1:9/hooks (signed with X-HubSpot-Signature-v3)');
    h.stop();
    await running;
  });

  it('lets commander refuse an unknown seed', async () => {
    const h = harness();
    const error = await h.run(['emulator', 'hubspot', '--seed', 'huge']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommanderError);
    expect(h.stderr()).toContain("Allowed choices are demo");
  });
});
