// The plan as a pull-request comment: summary line first, a warning when data is at stake,
// a table of steps, details folded away, and never more than GitHub will take.
import { redactSecrets } from '../log/redact.js';
import { planHasChanges } from '../reconcile/summary.js';
import type { Plan, PlanStep } from '../reconcile/types.js';
import { redactPlan } from './redact-plan.js';
import { dataEntries, fence, jsonDataFormatter, type DataFormatter } from './data-section.js';
import { actionOf, changeLine, changesOf, createdLines, forcesOf, isDrastic, summaryLine, symbolOf } from './describe.js';

/** GitHub refuses comments over 65,536 characters; stay well below. */
export const MARKDOWN_LIMIT = 60_000;

export interface MarkdownOptions {
  /** Maximum length of the whole comment (default MARKDOWN_LIMIT). */
  limit?: number;
  formatData?: DataFormatter;
}

/** Longest value shown in a change line: a huge value must not eat the whole comment. */
const MAX_VALUE = 200;
/** Change lines shown per step before "… and N more". */
const MAX_CHANGES_PER_STEP = 100;
/** Names listed in the warning before "and N more". */
const MAX_WARNING_NAMES = 20;

/** Renders a plan as GitHub-flavoured Markdown, cut (with a note) to stay under the limit. */
export function renderMarkdown(input: Plan, options: MarkdownOptions = {}): string {
  const plan = redactPlan(input);
  const limit = options.limit ?? MARKDOWN_LIMIT;
  const head: string[] = [summaryLine(plan)];
  const warning = warningLine(plan.steps);
  if (warning !== undefined) head.push('', '> [!WARNING]', `> ${warning}`);
  if (plan.stateRevision === null) head.push('', `_Planned against the files at \`${plan.options.base ?? 'the base ref'}\`, without the state store._`);

  const shown = plan.steps.filter((s) => s.kind !== 'unchanged' || (s.notes?.length ?? 0) > 0);
  const blocks: string[] = [];
  if (shown.length > 0) {
    blocks.push(['', '| | Resource | Action | What it does to synced data |', '|:-:|---|---|---|'].join('\n'));
    for (const step of shown) blocks.push(tableRow(step));
  }
  const unchanged = plan.summary.unchanged - shown.filter((s) => s.kind === 'unchanged').length;
  if (unchanged > 0 && planHasChanges(plan)) blocks.push(`\n_${unchanged} unchanged resource${unchanged === 1 ? '' : 's'} not shown._`);
  for (const step of shown) {
    const details = detailsBlock(step);
    if (details !== undefined) blocks.push(details);
  }
  const data = dataEntries(plan);
  if (data.length > 0) {
    const formatter = options.formatData ?? jsonDataFormatter;
    blocks.push('\n### Record-level dry run');
    for (const [sync, value] of data) blocks.push(`\n${formatter.markdown(sync, value)}`);
  }
  return redactSecrets(assemble(head.join('\n'), blocks, limit));
}

/** Joins the blocks in order until the next would pass the limit, then says what was cut. */
function assemble(head: string, blocks: readonly string[], limit: number): string {
  let out = head;
  for (let i = 0; i < blocks.length; i += 1) {
    const block = blocks[i] ?? '';
    const note = cutNote(blocks.length - i, limit);
    // An open table needs a blank line before the note, or the note would become a row.
    if (out.length + 1 + block.length + 2 + note.length + 1 > limit) return `${out}\n\n${note}\n`;
    out += `\n${block}`;
  }
  return `${out}\n`;
}

function cutNote(left: number, limit: number): string {
  return `> [!NOTE]\n> This plan was cut to stay under ${limit.toLocaleString('en-US')} characters: ${left} more part${left === 1 ? '' : 's'} not shown. Run \`syncctl plan\` (or \`--format json\`) for the whole plan.`;
}

function warningLine(steps: readonly PlanStep[]): string | undefined {
  const restarts: string[] = [];
  const deletes: string[] = [];
  for (const step of steps) {
    if (!isDrastic(step)) continue;
    if (step.kind === 'delete') deletes.push(step.resource === 'sync' ? `sync **${step.name}** and its index` : `connection **${step.name}**`);
    else if ('forces' in step && step.forces.kind === 'restart-objects') restarts.push(`**${step.name}** (objects: ${step.forces.objects.join(', ')})`);
    else restarts.push(`**${step.name}** (all objects)`);
  }
  const parts: string[] = [];
  if (restarts.length > 0) parts.push(`Restarts the initial sync of ${listNames(restarts)}: their records are re-indexed and matched again.`);
  if (deletes.length > 0) parts.push(`Deletes ${listNames(deletes)}.`);
  return parts.length > 0 ? parts.join(' ') : undefined;
}

function listNames(names: readonly string[]): string {
  if (names.length <= MAX_WARNING_NAMES) return names.join(', ');
  return `${names.slice(0, MAX_WARNING_NAMES).join(', ')} and ${names.length - MAX_WARNING_NAMES} more`;
}

function tableRow(step: PlanStep): string {
  const changes = changesOf(step).length;
  const kind = step.kind.replace('-', ' ');
  const action = changes > 0 ? `${kind} (${changes} field${changes === 1 ? '' : 's'})` : kind;
  const effect = forcesOf(step) ?? step.notes?.[0];
  const strong = effect === undefined ? '—' : isDrastic(step) ? `**${cell(effect)}**` : cell(effect);
  return `| \`${symbolOf(step)}\` | ${step.resource} \`${step.name}\` | ${cell(action)} | ${strong} |`;
}

function detailsBlock(step: PlanStep): string | undefined {
  const changes = changesOf(step);
  const lines = [...createdLines(step), ...changes.slice(0, MAX_CHANGES_PER_STEP).map((c) => changeLine(c, MAX_VALUE))];
  // Without field lines the table row already says all there is.
  if (lines.length === 0) return undefined;
  if (changes.length > MAX_CHANGES_PER_STEP) lines.push(`… and ${changes.length - MAX_CHANGES_PER_STEP} more changes (see --format json)`);
  for (const note of step.notes ?? []) lines.push(`# ${note}`);
  const forces = forcesOf(step);
  if (forces !== undefined) lines.push(`# ${forces}`);
  const summary = `<code>${symbolOf(step)}</code> ${step.resource} <b>${step.name}</b> ${escapeHtml(actionOf(step))}`;
  return ['', `<details><summary>${summary}</summary>`, '', fence(lines.join('\n'), 'text'), '', '</details>'].join('\n');
}

/** Text safe inside a table cell. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
