import { createRequire } from 'node:module';
import { Command, CommanderError, Option } from 'commander';
import type { LevelWithSilent } from 'pino';
import { handleError } from './handle-error.js';
import { type CliIO, processIO } from './io.js';
import { statePathReadOnly } from './paths.js';

/** What each command module exports: a factory of its commander Command. */
type CommandFactory = (io: CliIO, setExit: (code: number) => void, logLevel: () => LevelWithSilent) => Command;

// Commands load on demand: a command pays only for its own modules at start-up (the runner's
// watcher and metrics, the emulator, CSV export … stay unloaded for `validate`).
const COMMANDS: Readonly<Record<string, () => Promise<CommandFactory>>> = {
  validate: async () => (await import('./commands/validate.js')).validateCommand,
  plan: async () => (await import('./commands/plan.js')).planCommand,
  apply: async () => (await import('./commands/apply.js')).applyCommand,
  run: async () => (await import('./commands/run.js')).runCommand,
  status: async () => (await import('./commands/status.js')).statusCommand,
  records: async () => (await import('./commands/records.js')).recordsCommand,
  'resync-deleted': async () => (await import('./commands/resync-deleted.js')).resyncDeletedCommand,
  demo: async () => (await import('./commands/demo.js')).demoCommand,
  emulator: async () => (await import('./commands/emulator.js')).emulatorCommand,
};

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** The command named on the command line (skipping global options), if it is one we know. */
function commandOf(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--log-level') {
      i++;
      continue;
    }
    if (arg.startsWith('-')) continue;
    return Object.hasOwn(COMMANDS, arg) ? arg : undefined;
  }
  return undefined;
}

const require = createRequire(import.meta.url);
const pkg = require('../../package.json') as { version: string };

/**
 * Builds the command tree with the commands in `only` (all when absent: help, suggestions);
 * `setExit` records the exit code a command decided on.
 */
export async function buildProgram(io: CliIO, setExit: (code: number) => void, only?: readonly string[]): Promise<Command> {
  const program = new Command('syncctl');
  const logLevel = (): LevelWithSilent => (program.opts<{ logLevel: LevelWithSilent }>().logLevel ?? 'warn');
  program
    .description(
      'Declarative two-way CRM data sync: sync definitions as YAML in git, planned in pull requests, ' +
        'applied by a runner.',
    )
    .version(pkg.version, '-V, --version', 'print the version')
    .addOption(new Option('--log-level <level>', 'log detail on stderr').choices(LOG_LEVELS).default('warn'))
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .exitOverride()
    .showSuggestionAfterError(true)
    .addHelpText(
      'after',
      [
        '',
        'Getting started:',
        '  npm start                  seed the demo apps, apply syncs/ and run the initial sync',
        '  syncctl validate           check the files in syncs/',
        '  syncctl plan               see what apply would change',
        '  syncctl apply              apply it',
        '',
        'Run `syncctl <command> --help` for a command\'s options and examples.',
      ].join('\n'),
    );
  for (const name of only ?? Object.keys(COMMANDS)) {
    const factory = await (COMMANDS[name] as () => Promise<CommandFactory>)();
    const command = factory(io, setExit, logLevel);
    program.addCommand(command.exitOverride().configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    }));
  }
  return program;
}

/** Runs the CLI with `argv` (without node and script) and resolves to the exit code. */
export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  let exitCode = 0;
  const name = commandOf(argv);
  const program = await buildProgram(
    io,
    (code) => {
      exitCode = code;
    },
    name === undefined ? undefined : [name],
  );
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with exit code 0; usage errors were already printed.
      return error.exitCode;
    }
    const format = argv.includes('json') ? 'json' : 'text';
    return handleError(error, io, format, { statePath: statePathReadOnly(io, optionValue(argv, '--state', '-s')) });
  }
}

/** The value of an option as given in `argv` (`--name V`, `--name=V`, `-x V`), the last one winning. */
function optionValue(argv: readonly string[], long: string, short: string): string | undefined {
  let value: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') break;
    if (arg.startsWith(`${long}=`)) value = arg.slice(long.length + 1);
    else if (arg === long || arg === short) value = argv[++i];
  }
  return value;
}
