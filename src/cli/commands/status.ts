import { existsSync, statSync } from 'node:fs';
import { Command, Option } from 'commander';
import type { LevelWithSilent } from 'pino';
import { loadDefinitions } from '../../config/index.js';
import { collectStatus, formatStatusJson, formatStatusText, type LoadedDefinitions, openHealthState } from '../../health/index.js';
import { type CliIO, err, out, useColor } from '../io.js';
import { cliLogger } from '../logger.js';
import { dirOption, fromCwd, stateOption } from '../options.js';
import { definitionsDir, statePathReadOnly } from '../paths.js';

interface StatusFlags {
  dir: string;
  state?: string;
  format: 'text' | 'json';
}

/** `syncctl status [SYNC]`: per sync its lifecycle and per object the record counts, from the state store. */
export function statusCommand(io: CliIO, setExit: (code: number) => void, logLevel: () => LevelWithSilent): Command {
  const command = new Command('status');
  return command
    .summary('show the health of the syncs: lifecycle and per-object record counts')
    .description(
      'Reads the state store (never creating it) and shows, per sync, where it stands — initial sync running ' +
        '(per object: phase and records scanned), incremental, off, orphaned, failed, pending initial sync — and ' +
        'whether its definition file is currently rejected (with file:line:col). Per object: records in sync, ' +
        'failing (by category), excluded (by reason) and in queue on each side, the last change seen and the ' +
        'latest initial-sync run.',
    )
    .argument('[sync]', 'only this sync')
    .addOption(dirOption())
    .addOption(stateOption())
    .addOption(new Option('-f, --format <format>', 'text (for people) or json (formatVersion 1, for tools)').choices(['text', 'json']).default('text'))
    .addHelpText(
      'after',
      [
        '',
        'Exit codes: 0 success, 1 error (no state yet, or no sync of that name).',
        '',
        'Examples:',
        '  syncctl status',
        '  syncctl status crm-shop',
        '  syncctl status --format json | jq \'.syncs[] | {name, lifecycle}\'',
        '',
        'Then list the records behind a count: syncctl records SYNC --status failing',
      ].join('\n'),
    )
    .action(async (sync: string | undefined, flags: StatusFlags) => {
      const logger = cliLogger(io, logLevel());
      const definitions = await readDefinitions(io, flags.dir, command.getOptionValueSource('dir') === 'cli');
      const state = await openHealthState(statePathReadOnly(io, flags.state));
      try {
        const applied = await state.store.getApplied();
        const report = await collectStatus(applied, state.query, { ...(sync !== undefined ? { sync } : {}), definitions });
        logger.debug({ syncs: report.syncs.length, state: report.state }, 'status collected');
        out(io, flags.format === 'json' ? formatStatusJson(report) : formatStatusText(report, { color: useColor(io) }));
        setExit(0);
      } finally {
        await state.close();
      }
    });
}

// The files are read only to report rejected definitions: without a directory, status still works.
async function readDefinitions(io: CliIO, dir: string, explicit: boolean): Promise<LoadedDefinitions | null> {
  const absolute = fromCwd(io, dir);
  if (!existsSync(absolute) || !statSync(absolute).isDirectory()) {
    if (explicit) err(io, `Note: ${dir} is not a directory, so definition files were not checked for rejected syncs.`);
    return null;
  }
  const shown = definitionsDir(io, dir);
  const load = await loadDefinitions(shown, { phase: 'plan', env: io.env });
  // An empty directory defines nothing: there is nothing rejected to report.
  return load.files.length === 0 ? null : { dir: shown, load };
}
