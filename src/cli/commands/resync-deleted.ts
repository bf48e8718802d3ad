import { Command, Option } from 'commander';
import type { LevelWithSilent } from 'pino';
import type { Side } from '../../config/model.js';
import { findDeleted, formatDeletedTable, formatResyncReport, openResync, resyncDeleted, selectResyncObjects } from '../../engine/resync/index.js';
import { SyncctlError } from '../../errors/syncctl-error.js';
import { openHealthState, unknownSync } from '../../health/index.js';
import { SqliteRecordIndex } from '../../store/sqlite/record-index.js';
import { confirm } from '../confirm.js';
import { type CliIO, err, isInteractive, out } from '../io.js';
import { cliLogger } from '../logger.js';
import { stateOption } from '../options.js';
import { statePathReadOnly } from '../paths.js';

interface ResyncFlags {
  state?: string;
  in: Side;
  object?: string;
  dryRun?: boolean;
  yes?: boolean;
}

/** `syncctl resync-deleted SYNC --in hub|app`: recreates records deleted on one side from their partners and relinks them. */
export function resyncDeletedCommand(io: CliIO, setExit: (code: number) => void, logLevel: () => LevelWithSilent): Command {
  return new Command('resync-deleted')
    .summary('recreate linked records deleted in the hub or the app from their partner, and relink them')
    .description(
      'A linked record deleted on one side is never deleted on the other: the pair is marked failing ' +
        '(deleted_in_hub / deleted_in_app). This command lists those pairs for review, then recreates each ' +
        'deleted record on its side from the surviving partner\'s current values (mapped fields only; ' +
        'read-only fields and the object\'s direction respected) and relinks the pair as in sync. ' +
        'A record that fails is reported with its category and stays marked; the rest go on. ' +
        'Then the associations of the recreated records are restored from the surviving side ' +
        '(when the sync lists them and both records of an association exist).',
    )
    .argument('<sync>', 'the sync whose deleted records to recreate')
    .addOption(new Option('--in <side>', 'the side the records were deleted in: hub or app').choices(['hub', 'app']).makeOptionMandatory())
    .option('--object <objects>', 'only these objects (comma-separated hub or app object names)')
    .option('--dry-run', 'list what would be recreated, and write nothing')
    .option('-y, --yes', 'recreate without asking (needed when not on a terminal)')
    .addOption(stateOption())
    .addHelpText(
      'after',
      [
        '',
        'Exit codes: 0 everything listed was recreated (or --dry-run, or nothing to do), 1 an error or',
        'some records failed.',
        '',
        'Examples:',
        '  syncctl resync-deleted crm-shop --in app --dry-run',
        '  syncctl resync-deleted crm-shop --in hub --object contacts --yes',
        '',
        'Find them first with: syncctl records SYNC --category deleted_in_hub,deleted_in_app',
      ].join('\n'),
    )
    .action(async (syncName: string, flags: ResyncFlags) => {
      const logger = cliLogger(io, logLevel());
      const state = await openHealthState(statePathReadOnly(io, flags.state));
      try {
        const applied = await state.store.getApplied();
        const sync = applied.syncs[syncName]?.definition;
        if (!sync) throw unknownSync(syncName, Object.keys(applied.syncs).sort(), state.query.location);
        const names = flags.object?.split(',').map((s) => s.trim()).filter((s) => s !== '');
        const objects = selectResyncObjects(sync, names);
        const db = state.store.database;
        const index = new SqliteRecordIndex(db, state.store.location);
        const pairs = await findDeleted(db, index, sync, flags.in, objects);
        out(io, formatDeletedTable(pairs, flags.in));
        if (flags.dryRun || pairs.length === 0) {
          if (flags.dryRun && pairs.length > 0) err(io, 'Dry run: nothing was written.');
          setExit(0);
          return;
        }
        if (!flags.yes) {
          if (!isInteractive(io)) {
            throw new SyncctlError('confirmation_required', 'resync-deleted needs confirmation, and this is not a terminal.', {
              hint: 'Review the list above (or run with --dry-run), then re-run with --yes.',
            });
          }
          if (!(await confirm(io, `Recreate these ${pairs.length} record(s) in the ${flags.in}?`))) {
            err(io, 'Cancelled: nothing was changed.');
            setExit(1);
            return;
          }
        }
        const session = await openResync(applied, sync, objects, io.env);
        try {
          const report = await resyncDeleted({ sync, side: flags.in, hub: session.hub, app: session.app, index, db, objects: session.objects, pairs, logger });
          out(io, formatResyncReport(report, flags.in));
          setExit(report.failed.length > 0 ? 1 : 0);
        } finally {
          await session.close();
        }
      } finally {
        await state.close();
      }
    });
}
