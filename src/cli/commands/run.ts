import { Command, InvalidArgumentError } from 'commander';
import type { LevelWithSilent } from 'pino';
import { renderPlan } from '../../plan/index.js';
import { Runner, runOnce } from '../../runner/index.js';
import { whoAmI } from '../applying.js';
import { type CliIO, out, useColor } from '../io.js';
import { cliLogger } from '../logger.js';
import { dirOption, stateOption } from '../options.js';
import { definitionsDir, statePath } from '../paths.js';

interface RunFlags {
  dir: string;
  state?: string;
  port: number;
  host: string;
  once?: boolean;
  prune?: boolean;
  failOnRecordErrors?: boolean;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new InvalidArgumentError('a port is a whole number from 0 to 65535 (0 picks a free one).');
  return port;
}

/** `syncctl run`: the GitOps runner (or, with --once, one reconcile-and-sync for cron and CI). */
export function runCommand(io: CliIO, setExit: (code: number) => void, logLevel: () => LevelWithSilent): Command {
  return new Command('run')
    .summary('follow the definitions directory: apply every change, run initial and incremental syncs, serve health and pushes')
    .description(
      'Validates, plans and applies the definition files exactly as `plan` and `apply --yes` do, on start ' +
        'and whenever a file in --dir changes (editors\' atomic saves and Kubernetes ConfigMap symlink swaps ' +
        'included). Only syncs whose definition changed restart their initial sync; the others keep running. ' +
        'An invalid file never stops the runner: its syncs keep their last good definition, and the problem ' +
        'is logged with file:line:col and shown by /readyz and /api/syncs. A sync removed from the files is ' +
        'turned off and kept (orphaned) unless --prune is given. Each running sync polls both apps every ' +
        'pollInterval, follows changes the app reports itself (SQLite files), retries failing records ' +
        'periodically, and takes pushes on POST /hooks/<connection>. SIGINT or SIGTERM stops it cleanly: ' +
        'work in flight finishes or checkpoints, and the next start resumes it.\n\n' +
        'HTTP: GET /healthz, GET /readyz, GET /metrics (Prometheus), GET /api/syncs (JSON),\n' +
        '      POST /hooks/<connection> with {"object": "customers", "ids": ["a", "b"]}\n' +
        '      or {"changes": [{"object": "customers", "ids": ["a"]}]} (at most 1 MiB).',
    )
    .addOption(dirOption())
    .addOption(stateOption())
    .option('-p, --port <port>', 'HTTP port (0 picks a free one)', parsePort, 8787)
    .option('--host <address>', 'HTTP address to listen on', '127.0.0.1')
    .option('--once', 'reconcile, run due initial syncs and one incremental pass per sync, then exit')
    .option('--prune', 'delete syncs removed from the files (and drop their index) instead of orphaning them')
    .option('--fail-on-record-errors', 'with --once: exit 1 when any record is marked failing')
    .addHelpText(
      'after',
      [
        '',
        'Exit codes: 0 stopped by a signal, or (--once) every running sync caught up; 1 error, or (--once)',
        'a rejected definition, a failed sync, a failed or unfinished pass, or (with',
        '--fail-on-record-errors) failing records.',
        '',
        'Logs are JSON lines on stderr; use --log-level info to see every phase.',
        '',
        'Examples:',
        '  syncctl --log-level info run                      # serve on 127.0.0.1:8787',
        '  syncctl run --host 0.0.0.0 --port 9000 --prune    # in a container',
        '  syncctl run --once                                # from cron or CI',
      ].join('\n'),
    )
    .action(async (flags: RunFlags) => {
      const logger = cliLogger(io, logLevel());
      const common = {
        dir: definitionsDir(io, flags.dir),
        statePath: statePath(io, flags.state),
        env: io.env,
        logger,
        holder: whoAmI('syncctl run'),
        prune: Boolean(flags.prune),
      };
      if (flags.once) {
        const result = await runOnce({ ...common, failOnRecordErrors: Boolean(flags.failOnRecordErrors) });
        const plan = result.reconcile?.plan;
        if (plan && plan.steps.some((s) => s.kind !== 'unchanged')) out(io, renderPlan(plan, 'text', { color: useColor(io) }));
        out(io, result.lines.join('\n'));
        setExit(result.code);
        return;
      }
      const runner = new Runner({ ...common, mode: 'service', http: { host: flags.host, port: flags.port } });
      await serveUntilSignalled(io, runner);
      setExit(0);
    });
}

/** Runs until SIGINT or SIGTERM; a second signal stops at once, without waiting for work in flight. */
async function serveUntilSignalled(io: CliIO, runner: Runner): Promise<void> {
  let signalled: (signal: NodeJS.Signals) => void = () => undefined;
  const received = new Promise<NodeJS.Signals>((resolve) => {
    signalled = resolve;
  });
  let count = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    count += 1;
    if (count > 1) {
      io.stderr.write(`Received ${signal} again: exiting without waiting for work in flight.\n`);
      process.exit(1);
    }
    signalled(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const url = await runner.start();
    out(io, `syncctl run: listening on ${url ?? '(no HTTP)'}`);
    const signal = await received;
    out(io, `syncctl run: ${signal} received, stopping.`);
    await runner.stop();
    out(io, 'syncctl run: stopped.');
  } catch (err) {
    await runner.stop();
    throw err;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
