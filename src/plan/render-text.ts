// The plan for people at a terminal: Terraform-like symbols, field-level `old -> new`,
// what each step does to synced data, and the summary line last.
import { redactSecrets } from '../log/redact.js';
import { planHasChanges } from '../reconcile/summary.js';
import type { Plan, PlanStep } from '../reconcile/types.js';
import { redactPlan } from './redact-plan.js';
import { dataEntries, jsonDataFormatter, type DataFormatter } from './data-section.js';
import { actionOf, changeLine, changesOf, createdLines, forcesOf, summaryLine, symbolOf, type StepSymbol } from './describe.js';

export interface TextOptions {
  /** ANSI colours; the CLI turns them on only for a TTY (and honours NO_COLOR). Default off. */
  color?: boolean;
  /** How to print a record-level dry run, when the plan carries one. */
  formatData?: DataFormatter;
}

const ANSI = { reset: '\u001b[0m', bold: '\u001b[1m', dim: '\u001b[2m', red: '\u001b[31m', green: '\u001b[32m', yellow: '\u001b[33m', magenta: '\u001b[35m' };
type Paint = (style: keyof typeof ANSI, text: string) => string;

const SYMBOL_STYLE: Record<StepSymbol, keyof typeof ANSI> = { '+': 'green', '~': 'yellow', '-': 'red', '!': 'magenta', '=': 'dim' };

/** Renders a plan for the terminal. Unchanged steps appear only when they carry a note. */
export function renderText(input: Plan, options: TextOptions = {}): string {
  const plan = redactPlan(input);
  const paint: Paint = options.color ? (style, text) => `${ANSI[style]}${text}${ANSI.reset}` : (_style, text) => text;
  const lines: string[] = [];
  const shown = plan.steps.filter((s) => s.kind !== 'unchanged' || (s.notes?.length ?? 0) > 0);
  if (planHasChanges(plan)) {
    const against = plan.stateRevision === null ? `the files at ${plan.options.base ?? 'the base ref'} (no state store)` : `state revision ${plan.stateRevision}`;
    lines.push(`syncctl will perform the following actions (against ${against}):`, '');
  }
  for (const step of shown) lines.push(...stepLines(step, paint), '');

  const data = dataEntries(plan);
  if (data.length > 0) {
    const formatter = options.formatData ?? jsonDataFormatter;
    lines.push(paint('bold', 'Record-level dry run:'));
    for (const [sync, value] of data) lines.push(...formatter.text(sync, value).split('\n').map((l) => `  ${l}`), '');
  }
  const summary = summaryLine(plan);
  lines.push(planHasChanges(plan) ? paint('bold', summary) : paint('green', summary));
  return redactSecrets(`${lines.join('\n')}\n`);
}

function stepLines(step: PlanStep, paint: Paint): string[] {
  const symbol = symbolOf(step);
  const head = `  ${paint(SYMBOL_STYLE[symbol], symbol)} ${step.resource} ${paint('bold', step.name)} ${actionOf(step)}`;
  const body = [...createdLines(step), ...changesOf(step).map((c) => changeLine(c))].map((l) => `      ${colourChange(l, paint)}`);
  for (const note of step.notes ?? []) body.push(`      ${paint('dim', `# ${note}`)}`);
  const forces = forcesOf(step);
  if (forces !== undefined) body.push(`      ${forcesStyle(forces, paint)}`);
  return [head, ...body];
}

function colourChange(line: string, paint: Paint): string {
  const first = line[0];
  if (first === '+' || first === '-' || first === '~') return `${paint(SYMBOL_STYLE[first], first)}${line.slice(1)}`;
  return line;
}

function forcesStyle(forces: string, paint: Paint): string {
  const text = `# ${forces}`;
  if (forces.startsWith('restarts') || forces.startsWith('starts')) return paint('yellow', text);
  if (forces.startsWith('deletes')) return paint('red', text);
  return paint('dim', text);
}
