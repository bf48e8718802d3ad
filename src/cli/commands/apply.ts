import { Command } from 'commander';
import type { LevelWithSilent } from 'pino';
import { type CliIO } from '../io.js';
import { dirOption, stateOption, strictOption } from '../options.js';
import { runApply } from '../applying.js';
import { cliLogger } from '../logger.js';

interface ApplyFlags {
  dir: string;
  state?: string;
  yes?: boolean;
  allowDelete?: boolean;
  detach?: boolean;
  strict?: boolean;
}

/** `syncctl apply [plan.json]`: carries out a fresh plan, or exactly a saved one. */
export function applyCommand(io: CliIO, setExit: (code: number) => void, logLevel: () => LevelWithSilent): Command {
  return new Command('apply')
    .summary('apply the definition files (or a saved plan) and run the initial syncs they start')
    .description(
      'Plans as `syncctl plan` does, shows the plan, asks for confirmation (on a terminal; use --yes ' +
        'elsewhere), records the new definitions in the state store and runs the initial syncs the plan ' +
        'starts, with progress. Given a saved plan file, applies exactly that plan — and refuses it when the ' +
        'state or the files changed since it was made. Only one apply runs at a time (a lock in the state).',
    )
    .argument('[plan-file]', 'a plan saved with `syncctl plan --out FILE`')
    .addOption(dirOption())
    .addOption(stateOption())
    .option('-y, --yes', 'do not ask for confirmation (required when not on a terminal)')
    .option('--allow-delete', 'delete syncs whose files were removed (and drop their index); otherwise they are turned off and orphaned')
    .option('--detach', 'record the plan but leave initial syncs to a running `syncctl run` on the same state')
    .addOption(strictOption())
    .addHelpText(
      'after',
      [
        '',
        'Exit codes: 0 applied (or nothing to do), 1 error, refused or not confirmed.',
        '',
        'Examples:',
        '  syncctl apply                       # plan, confirm, apply, run initial syncs',
        '  syncctl apply --yes                 # in CI or scripts',
        '  syncctl plan --out plan.json && syncctl apply plan.json --yes',
      ].join('\n'),
    )
    .action(async (planFile: string | undefined, flags: ApplyFlags) => {
      const logger = cliLogger(io, logLevel());
      setExit(
        await runApply(io, {
          planFile,
          dir: flags.dir,
          state: flags.state,
          yes: Boolean(flags.yes),
          allowDelete: Boolean(flags.allowDelete),
          detach: Boolean(flags.detach),
          strict: Boolean(flags.strict),
          logger,
          command: 'syncctl apply',
        }),
      );
    });
}
