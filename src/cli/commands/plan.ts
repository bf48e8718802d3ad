import { Command, Option } from 'commander';
import type { Plan } from '../../reconcile/types.js';
import { reportDataFormatter } from '../../engine/index.js';
import { renderPlan, writePlanFile } from '../../plan/index.js';
import { type CliIO, err, out, useColor } from '../io.js';
import { dirOption, fromCwd, stateOption, strictOption } from '../options.js';
import { buildPlan } from '../planning.js';
import { cliLogger } from '../logger.js';
import type { LevelWithSilent } from 'pino';

interface PlanFlags {
  dir: string;
  state?: string;
  format: 'text' | 'markdown' | 'json';
  out?: string;
  detailedExitcode?: boolean;
  base?: string;
  allowDelete?: boolean;
  strict?: boolean;
  data?: boolean;
}

/** `syncctl plan`: what apply would do, for people (text), PRs (markdown) and tools (json). */
export function planCommand(io: CliIO, setExit: (code: number) => void, logLevel: () => LevelWithSilent): Command {
  return new Command('plan')
    .summary('show what apply would change, without changing anything')
    .description(
      'Diffs the definition files against the applied syncs (the state store) — or, with --base, against the ' +
        'files at a git ref, needing no state and no secrets — and prints the plan: syncs to create, change ' +
        '(and whether that restarts their initial sync), turn off or on, and delete.',
    )
    .addOption(dirOption())
    .addOption(stateOption())
    .addOption(
      new Option('-f, --format <format>', 'text, markdown (for a PR comment) or json').choices(['text', 'markdown', 'json']).default('text'),
    )
    .option('-o, --out <file>', 'also save the plan as JSON, for `syncctl apply <file>`')
    .option('--detailed-exitcode', 'exit 0 when there are no changes, 2 when there are, 1 on error')
    .option('--base <git-ref>', 'plan against the definitions at this git ref instead of the state store')
    .option('--allow-delete', 'plan deletes for removed syncs (otherwise they are turned off and orphaned)')
    .option('--data', 'dry-run the initial syncs the plan would start and report what they would do to records')
    .addOption(strictOption())
    .addHelpText(
      'after',
      [
        '',
        'Exit codes: 0 success (with --detailed-exitcode: 0 no changes, 2 changes), 1 error.',
        '',
        'Examples:',
        '  syncctl plan',
        '  syncctl plan --out plan.json && syncctl apply plan.json',
        '  syncctl plan --format markdown --base origin/main     # in a pull-request check',
        '  syncctl plan --data                                   # include a record-level dry run',
      ].join('\n'),
    )
    .action(async (flags: PlanFlags) => {
      const logger = cliLogger(io, logLevel());
      const built = await buildPlan(io, {
        dir: flags.dir,
        state: flags.state,
        base: flags.base,
        allowDelete: Boolean(flags.allowDelete),
        strict: Boolean(flags.strict),
        data: Boolean(flags.data),
        phase: 'plan',
        logger,
      });
      if (!built) {
        setExit(1);
        return;
      }
      const plan: Plan = built.plan;
      if (flags.out) {
        await writePlanFile(fromCwd(io, flags.out), plan);
        err(io, `Saved the plan to ${flags.out}. Apply exactly this plan with: syncctl apply ${flags.out}`);
      }
      out(io, renderPlan(plan, flags.format, { color: useColor(io), formatData: reportDataFormatter }));
      const changes = plan.steps.some((s) => s.kind !== 'unchanged');
      setExit(flags.detailedExitcode && changes ? 2 : 0);
    });
}
