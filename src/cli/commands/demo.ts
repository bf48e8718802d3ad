import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Command } from 'commander';
import type { LevelWithSilent } from 'pino';
import { runApply } from '../applying.js';
import { formatDemoPasses, runDemoPasses } from '../../demo/first-pass.js';
import { readStatusReport, formatStatusText } from '../../health/index.js';
import { type CliIO, out, useColor } from '../io.js';
import { cliLogger } from '../logger.js';
import { dirOption, fromCwd, stateOption } from '../options.js';
import { statePath } from '../paths.js';
import { SyncctlError } from '../../errors/syncctl-error.js';
import { isDirectory } from '../../util/make-dir.js';

interface DemoFlags {
  dir: string;
  state?: string;
  data: string;
  reset?: boolean;
}

/**
 * `syncctl demo` (what `npm start` runs): seed the demo apps if absent, apply syncs/, run the
 * initial sync, then one incremental pass (which reconciles the associations) and show the status.
 */
export function demoCommand(io: CliIO, setExit: (code: number) => void, logLevel: () => LevelWithSilent): Command {
  return new Command('demo')
    .summary('seed two demo SQLite apps, apply syncs/, run the initial sync and one pass (what `npm start` does)')
    .description(
      'Creates demo/crm.db (the hub) and demo/shop.db (the app) with realistic, deterministic data if they ' +
        'do not exist yet, then applies the definitions in --dir without asking, runs the initial syncs and ' +
        'one incremental pass of every running sync — the pass that reconciles associations (primary ' +
        'companies, deal contacts) once both of their objects have synced — and shows the status. ' +
        'Safe to re-run: existing demo data is kept, an unchanged sync is not synced again, and the pass ' +
        'picks up only what changed since.',
    )
    .addOption(dirOption())
    .addOption(stateOption())
    .option('--data <dir>', 'where the demo databases live', 'demo')
    .option('--reset', 're-create the demo databases (and forget their state) even if they exist')
    .action(async (flags: DemoFlags) => {
      const dataDir = fromCwd(io, flags.data);
      // Nothing is seeded or reset for definitions that are not there: the apply below would fail.
      const definitions = fromCwd(io, flags.dir);
      if (!isDirectory(definitions)) {
        throw new SyncctlError('definitions_dir_unreadable', `There is no definitions directory ${flags.dir} here, so there is no demo sync to run.`, {
          hint: 'Run the demo from the project directory (the one with syncs/demo.yaml), or point --dir at the directory that holds it.',
          meta: { dir: definitions },
        });
      }
      // Loaded on demand: the demo's data generator (faker) is heavy and only this command needs it.
      const { prepareDemoDataDir, seedDemo } = await import('../../demo/seed.js');
      // Before --reset forgets anything: a data directory that cannot be made stops the demo here.
      prepareDemoDataDir(dataDir);
      if (flags.reset) {
        // The demo's state belongs to the demo data: starting the data over starts the state over.
        const state = statePath(io, flags.state);
        for (const suffix of ['', '-wal', '-shm']) await rm(`${state}${suffix}`, { force: true });
      }
      const seeded = await seedDemo(dataDir, { force: Boolean(flags.reset) });
      out(
        io,
        seeded.created
          ? `Seeded the demo apps: ${seeded.files.map((f) => join(flags.data, f.split('/').pop() ?? f)).join(', ')}`
          : `Demo apps already exist in ${flags.data}/ (use --reset to start over).`,
      );
      if (seeded.outdated) {
        const names = seeded.outdated.map((f) => f.split('/').pop() ?? f).join(' and ');
        out(io, `${names} ${seeded.outdated.length > 1 ? 'were' : 'was'} made by an older syncctl, before the demo had deals and associations: \`npm start -- --reset\` (or \`syncctl demo --reset\`) recreates the demo.`);
      }
      const logger = cliLogger(io, logLevel());
      let code = await runApply(io, {
          dir: flags.dir,
          state: flags.state,
          yes: true,
          allowDelete: false,
          detach: false,
          strict: false,
          logger,
          command: 'syncctl demo',
        });
      if (code === 0) {
        // Associations are reconciled by the first pass after the initial syncs: run it now, as
        // the runner's first poll would, so that the status below shows them in step.
        const passes = await runDemoPasses({ statePath: statePath(io, flags.state), env: io.env, logger });
        if (passes.length > 0) out(io, `\n${formatDemoPasses(passes)}`);
        if (passes.some((p) => p.error)) code = 1;
        // Whether or not anything ran now, show where every object stands.
        const report = await readStatusReport(statePath(io, flags.state));
        out(io, `\n${formatStatusText(report, { color: useColor(io) })}`);
        out(io, 'Next: edit syncs/demo.yaml, then `npx syncctl plan` and `npx syncctl apply`; `npx syncctl records crm-shop --status failing` lists what did not sync and why.');
      }
      setExit(code);
    });
}
