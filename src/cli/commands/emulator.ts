import { Command, Option } from 'commander';
import type { LevelWithSilent } from 'pino';
// The emulator (and the faker data it seeds) loads only when the command runs: CLI start-up stays fast.
import type { HubspotEmulator, HubspotEmulatorOptions } from '../../emulator/hubspot/index.js';
import { parseCount, parseDuration, parseRate, parseRateLimit } from '../../emulator/hubspot/options.js';
import type { RateWindow } from '../../emulator/hubspot/limits/rate-limiter.js';
import { SyncctlError } from '../../errors/syncctl-error.js';
import { registerSecret } from '../../log/redact.js';
import { type CliIO, out } from '../io.js';
import { cliLogger } from '../logger.js';
import { fromCwd } from '../options.js';

/** Where --webhook-secret is read from when the flag is not given (keeps it out of `ps`). */
export const WEBHOOK_SECRET_ENV = 'SYNCCTL_EMULATOR_WEBHOOK_SECRET';

interface HubspotFlags {
  port: string;
  host: string;
  seed?: 'demo';
  data?: string;
  token?: string;
  rateLimit: string;
  dailyLimit: string;
  searchRateLimit: string;
  webhookUrl?: string;
  webhookSecret?: string;
  errorRate?: string;
  errorTiming: 'before' | 'after';
  latency?: string;
  burst429?: string;
  faultSeed?: string;
  searchLag?: string;
}

function window(w: RateWindow | false): string {
  return w === false ? 'off' : `${w.max} per ${w.intervalMs % 1000 === 0 ? `${w.intervalMs / 1000}s` : `${w.intervalMs}ms`}`;
}

/** Turns the flags into emulator options, with a clear error for each bad value. */
export function hubspotEmulatorOptions(io: CliIO, flags: HubspotFlags): HubspotEmulatorOptions {
  const port = parseCount(flags.port, '--port');
  if (port > 65_535) throw new SyncctlError('emulator_bad_option', `--port ${port} is not a TCP port.`, { hint: 'Use a port from 1 to 65535, or 0 for any free one.' });
  const options: HubspotEmulatorOptions = {
    port,
    host: flags.host,
    seed: flags.seed ?? false,
    rateLimit: parseRateLimit(flags.rateLimit),
    dailyLimit: flags.dailyLimit === 'off' ? false : parseCount(flags.dailyLimit, '--daily-limit'),
    searchRateLimit: parseRateLimit(flags.searchRateLimit, '--search-rate-limit'),
    faults: {
      errorRate: flags.errorRate === undefined ? 0 : parseRate(flags.errorRate, '--error-rate'),
      latencyMs: flags.latency === undefined ? 0 : parseDuration(flags.latency, '--latency'),
      errorTiming: flags.errorTiming,
      ...(flags.faultSeed === undefined ? {} : { seed: parseCount(flags.faultSeed, '--fault-seed') }),
    },
    ...(flags.searchLag === undefined ? {} : { searchLagMs: parseDuration(flags.searchLag, '--search-lag') }),
    ...(flags.data === undefined ? {} : { dataFile: fromCwd(io, flags.data) }),
    ...(flags.token === undefined ? {} : { token: flags.token }),
  };
  if (flags.token !== undefined) registerSecret(flags.token);
  if (flags.webhookUrl !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(flags.webhookUrl);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      throw new SyncctlError('emulator_bad_option', `--webhook-url "${flags.webhookUrl}" is not an http(s) URL.`, {
        hint: 'Give the full URL of the receiving endpoint, e.g. --webhook-url http://127.0.0.1:8080/webhooks/hubspot.',
      });
    }
    const secret = flags.webhookSecret ?? io.env[WEBHOOK_SECRET_ENV];
    if (!secret) {
      throw new SyncctlError('emulator_bad_option', '--webhook-url needs a secret to sign deliveries with.', {
        hint: `Pass --webhook-secret S or set ${WEBHOOK_SECRET_ENV} (the app's client secret the receiver verifies with).`,
      });
    }
    registerSecret(secret);
    options.webhook = { url: url.toString(), secret };
  }
  return options;
}

function describe(emulator: HubspotEmulator, options: HubspotEmulatorOptions, burst: number): string {
  const f = options.faults ?? {};
  const faults = [
    f.errorRate ? `error rate ${f.errorRate * 100}% (${f.errorTiming ?? 'before'} the write)` : '',
    f.latencyMs ? `latency ${f.latencyMs}ms` : '',
    burst ? `next ${burst} requests answer 429` : '',
    f.seed === undefined ? '' : `seed ${f.seed}`,
  ].filter(Boolean);
  const seeded = emulator.seeded;
  return [
    `HubSpot emulator listening on ${emulator.url}`,
    `  token:       ${options.token === undefined ? 'any non-empty bearer token' : 'only the token given with --token'}`,
    `  data:        ${options.dataFile ?? 'in memory (gone when the emulator stops)'}`,
    `  seeded:      ${seeded ? `${seeded.companies.length} companies, ${seeded.contacts.length} contacts, ${seeded.deals.length} deals` : 'no'}`,
    `  rate limit:  ${window(options.rateLimit ?? false)}; ${options.dailyLimit === false ? 'no daily limit' : `${options.dailyLimit} per day`}; search ${window(options.searchRateLimit ?? false)}`,
    `  webhooks:    ${options.webhook ? `POST ${options.webhook.url} (signed with X-HubSpot-Signature-v3)` : 'off'}`,
    `  faults:      ${faults.length > 0 ? faults.join(', ') : 'none'}`,
    `  admin:       ${emulator.url}/_emulator/health, /stats, /faults (the emulator's own routes, not HubSpot's)`,
    'Stop with Ctrl+C.',
  ].join('\n');
}

function stopped(signal: AbortSignal | undefined): Promise<void> {
  if (signal) {
    return signal.aborted ? Promise.resolve() : new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  }
  return new Promise((resolve) => {
    const done = (): void => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
}

function hubspotCommand(io: CliIO, setExit: (code: number) => void, logLevel: () => LevelWithSilent, stop?: AbortSignal): Command {
  return new Command('hubspot')
    .summary('run a local HubSpot CRM API (contacts, companies, deals, search, associations, properties)')
    .description(
      'Serves HubSpot\'s CRM API on your machine with HubSpot\'s request, response and error shapes: objects v3 ' +
        '(list, read, create, update, archive, batch, search with the 10,000-results cap), associations v4 and ' +
        'properties v3, rate limits with HubSpot\'s 429 body and X-HubSpot-RateLimit-* headers, optional signed ' +
        'webhooks and injected faults. Every request needs `Authorization: Bearer <token>`.\n\n' +
        'Routes under /_emulator/ are the emulator\'s own (no token needed), not HubSpot\'s:\n' +
        '  GET  /_emulator/health | /_emulator/stats | /_emulator/faults\n' +
        '  POST /_emulator/faults {"errorRate":0.05,"latencyMs":50,"burst429":3}\n' +
        '  POST /_emulator/objects/{type}/last-modified {"ids":["1"]|"all","timestamp":"2024-01-01T00:00:00Z"}\n' +
        '  POST /_emulator/token {"token":"pat-new"|null}   (revoke the token clients use)\n' +
        '  POST /_emulator/webhooks/flush | /_emulator/stats/reset',
    )
    .option('-p, --port <port>', 'TCP port (0 picks a free one)', '4010')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .addOption(new Option('--seed <dataset>', 'fill an empty emulator with deterministic demo data').choices(['demo']))
    .option('--data <file>', 'keep the data in this SQLite file (default: in memory)')
    .option('--token <token>', 'accept only this bearer token (default: any non-empty token)')
    .option('--rate-limit <n/interval>', 'rolling request limit per token, or "off"', '190/10s')
    .option('--daily-limit <n>', 'requests per day and token, or "off"', '625000')
    .option('--search-rate-limit <n/interval>', 'the search endpoints\' own limit per token, or "off"', '5/1s')
    .option('--webhook-url <url>', 'deliver change events as HubSpot webhook v3 batches to this URL')
    .option('--webhook-secret <secret>', `secret that signs webhook deliveries (or set ${WEBHOOK_SECRET_ENV})`)
    .option('--error-rate <rate>', 'answer this fraction of API requests with a 5xx, e.g. 0.05')
    .addOption(new Option('--error-timing <when>', 'inject 5xx before the request is carried out, or after it').choices(['before', 'after']).default('before'))
    .option('--latency <duration>', 'delay every API answer, e.g. 50ms')
    .option('--burst-429 <n>', 'answer the next N API requests with 429')
    .option('--fault-seed <n>', 'make injected faults the same on every run')
    .option('--search-lag <duration>', 'show writes in search only after this delay, like HubSpot\'s index')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  syncctl emulator hubspot --port 4010 --seed demo\n' +
        '  syncctl emulator hubspot --rate-limit 100/10s --error-rate 0.05 --fault-seed 7\n' +
        `  ${WEBHOOK_SECRET_ENV}=s3cret syncctl emulator hubspot --webhook-url http://127.0.0.1:8080/hooks/hubspot`,
    )
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    .action(async (flags: HubspotFlags) => {
      const options = hubspotEmulatorOptions(io, flags);
      const burst = flags.burst429 === undefined ? 0 : parseCount(flags.burst429, '--burst-429');
      const emulator = await (await import('../../emulator/hubspot/index.js')).startHubspotEmulator({ ...options, logger: cliLogger(io, logLevel()) });
      if (burst > 0) emulator.faults.burst429(burst);
      out(io, describe(emulator, options, burst));
      await stopped(stop);
      await emulator.close();
      out(io, 'HubSpot emulator stopped.');
      setExit(0);
    });
}

/** `syncctl emulator <app>`: local emulators of hub apps; today `hubspot`. `stop` ends it (tests); else SIGINT/SIGTERM. */
export function emulatorCommand(io: CliIO, setExit: (code: number) => void, logLevel: () => LevelWithSilent, stop?: AbortSignal): Command {
  return new Command('emulator')
    .summary('run a local emulator of a hub app (hubspot) for trying configs offline and in CI')
    .addCommand(hubspotCommand(io, setExit, logLevel, stop));
}
