import { createRequire } from 'node:module';
import { Command, CommanderError, Option } from 'commander';
import type { LevelWithSilent } from 'pino';
import { applyCommand } from './commands/apply.js';
import { demoCommand } from './commands/demo.js';
import { emulatorCommand } from './commands/emulator.js';
import { recordsCommand } from './commands/records.js';
import { resyncDeletedCommand } from './commands/resync-deleted.js';
import { runCommand } from './commands/run.js';
import { statusCommand } from './commands/status.js';
import { planCommand } from './commands/plan.js';
import { validateCommand } from './commands/validate.js';
import { handleError } from './handle-error.js';
import { type CliIO, processIO } from './io.js';
import { LOG_LEVELS } from './logger.js';

const require = createRequire(import.meta.url);
const pkg = require('../../package.json') as { version: string };

/** Builds the command tree; `setExit` records the exit code a command decided on. */
export function buildProgram(io: CliIO, setExit: (code: number) => void): Command {
  const program = new Command('syncctl');
  const logLevel = (): LevelWithSilent => (program.opts<{ logLevel: LevelWithSilent }>().logLevel ?? 'warn');
  program
    .description(
      'Declarative two-way CRM data sync: sync definitions as YAML in git, planned in pull requests,\n' +
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
  for (const command of [
    validateCommand(io, setExit),
    planCommand(io, setExit, logLevel),
    applyCommand(io, setExit, logLevel),
    runCommand(io, setExit, logLevel),
    statusCommand(io, setExit, logLevel),
    recordsCommand(io, setExit, logLevel),
    resyncDeletedCommand(io, setExit, logLevel),
    demoCommand(io, setExit, logLevel),
    emulatorCommand(io, setExit, logLevel),
  ]) {
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
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with exit code 0; usage errors were already printed.
      return error.exitCode;
    }
    const format = argv.includes('json') ? 'json' : 'text';
    return handleError(error, io, format);
  }
}
