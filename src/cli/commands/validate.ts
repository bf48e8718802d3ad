import { Command, Option } from 'commander';
import { formatProblemsText, loadDefinitions, problemsToJson } from '../../config/index.js';
import { type CliIO, out, useColor } from '../io.js';
import { dirOption, strictOption } from '../options.js';
import { definitionsDir } from '../paths.js';

interface ValidateFlags {
  dir: string;
  format: 'text' | 'json';
  strict?: boolean;
}

/** `syncctl validate`: checks the definition files; exit 0 valid, 1 invalid. */
export function validateCommand(io: CliIO, setExit: (code: number) => void): Command {
  return new Command('validate')
    .summary('check sync definition files against the schema and the rules')
    .description(
      'Reads every *.yaml/*.yml file under --dir, validates it against schema/syncctl.schema.json and the ' +
        'cross-file rules (connection names, duplicates, mappings, env references) and reports every problem ' +
        'with file:line:column, a stable code and a hint. Needs no state store and no secrets.',
    )
    .addOption(dirOption())
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addOption(strictOption())
    .addHelpText(
      'after',
      '\nExit codes: 0 valid (warnings allowed unless --strict), 1 invalid.\n\nExamples:\n  syncctl validate\n  syncctl validate --dir deploy/syncs --format json --strict',
    )
    .action(async (flags: ValidateFlags) => {
      const result = await loadDefinitions(definitionsDir(io, flags.dir), {
        phase: 'validate',
        strict: Boolean(flags.strict),
        env: io.env,
      });
      if (flags.format === 'json') {
        out(io, JSON.stringify(problemsToJson(result), null, 2));
      } else {
        const syncs = Object.keys(result.desired.syncs).length;
        const connections = Object.keys(result.desired.connections).length;
        if (result.problems.length > 0) out(io, formatProblemsText(result.problems, { color: useColor(io) }));
        if (result.ok) {
          out(io, `✓ ${result.files.length} file(s) valid: ${connections} connection(s), ${syncs} sync(s).`);
        }
      }
      setExit(result.ok ? 0 : 1);
    });
}
