// Words shared by the text and Markdown renderers: what a step is, what it forces, and
// how a value reads. Keeping them in one place keeps the two formats saying the same thing.
import type { Sync, SyncObject } from '../config/model.js';
import { redactOptions } from '../reconcile/secret-options.js';
import { assertNever, planHasChanges } from '../reconcile/summary.js';
import type { FieldChange, Plan, PlanStep, PlanSummary } from '../reconcile/types.js';
import { canonicalJson } from '../util/canonical.js';

export const NO_CHANGES = 'No changes. Your syncs match the applied state.';

/**
 * The one-line summary. Turn-on and orphan clauses appear only when non-zero, so the
 * common line reads exactly `Plan: 1 to create, 2 to change (2 restart initial sync), 0 to turn off, 0 to delete.`
 */
export function summaryLine(plan: Pick<Plan, 'steps' | 'summary'>): string {
  if (!planHasChanges(plan)) return NO_CHANGES;
  const s: PlanSummary = plan.summary;
  const parts = [`${s.create} to create`, `${s.change} to change${s.changeRestart > 0 ? ` (${s.changeRestart} restart initial sync)` : ''}`];
  if (s.turnOn > 0) parts.push(`${s.turnOn} to turn on (restarting initial sync)`);
  parts.push(`${s.turnOff} to turn off`);
  if (s.orphan > 0) parts.push(`${s.orphan} orphaned (turned off and kept)`);
  parts.push(`${s.delete} to delete`);
  return `Plan: ${parts.join(', ')}.`;
}

export type StepSymbol = '+' | '~' | '-' | '!' | '=';

/** The step's symbol: + create/turn on, ~ change, - turn off/delete, ! orphan, = unchanged. */
export function symbolOf(step: PlanStep): StepSymbol {
  switch (step.kind) {
    case 'create':
    case 'turn-on':
      return '+';
    case 'change':
      return '~';
    case 'turn-off':
    case 'delete':
      return '-';
    case 'orphan':
      return '!';
    case 'unchanged':
      return '=';
    default:
      return assertNever(step);
  }
}

/** What will happen, as a verb phrase: "will be created", "is orphaned: …". */
export function actionOf(step: PlanStep): string {
  switch (step.kind) {
    case 'create':
      return 'will be created';
    case 'change':
      return 'will be changed';
    case 'turn-on':
      return 'will be turned on';
    case 'turn-off':
      return 'will be turned off';
    case 'orphan':
      return 'is orphaned: removed from the files, it will be turned off and kept';
    case 'delete':
      return 'will be deleted';
    case 'unchanged':
      return 'stays as it is';
    default:
      return assertNever(step);
  }
}

/** The forces line without its `#`: what the step does to synced data, or undefined when nothing needs saying. */
export function forcesOf(step: PlanStep): string | undefined {
  switch (step.kind) {
    case 'create':
      if (step.resource === 'connection') return undefined;
      return step.after.enabled ? `starts initial sync of all objects: ${objectNames(step.after)}` : 'created turned off: no initial sync until it is turned on';
    case 'change':
    case 'turn-on':
      if (step.forces.kind === 'none') return 'forces no resync';
      if (step.forces.kind === 'restart-objects') return `restarts initial sync of objects: ${step.forces.objects.join(', ')}`;
      if (step.resource === 'connection') return `restarts initial sync of syncs: ${step.restarts.join(', ')} (they use this connection)`;
      return `restarts initial sync of the whole sync (all objects: ${objectNames(step.after)})`;
    case 'turn-off':
      return 'forces no resync: nothing moves while off, the index is kept';
    case 'orphan':
      return 'nothing moves, the index is kept; apply with --allow-delete to delete it';
    case 'delete':
      return step.resource === 'sync' ? 'deletes the sync and its whole index; records stay in both apps' : 'deletes the connection: no sync uses it any more';
    case 'unchanged':
      return undefined;
    default:
      return assertNever(step);
  }
}

/** True when the step restarts or deletes something: a reviewer must look twice. */
export function isDrastic(step: PlanStep): boolean {
  if (step.kind === 'delete') return true;
  if (step.kind === 'create' && step.resource === 'sync') return false;
  return 'forces' in step && step.forces.kind !== 'none' && step.resource === 'sync';
}

function objectNames(sync: Sync): string {
  return sync.objects.map((o) => o.hub).join(', ');
}

/** Field changes of a step, empty for kinds that have none. */
export function changesOf(step: PlanStep): readonly FieldChange[] {
  return 'changes' in step ? step.changes : [];
}

/** One field change as `path: old -> new` (added items `+ path: new`, removed `- path: old`). */
export function changeLine(change: FieldChange, maxValue = Infinity): string {
  const show = (v: unknown): string => clip(formatValue(change.path, v), maxValue);
  const note = change.note === undefined ? '' : `  # ${change.note}`;
  if (change.before === undefined && change.after !== undefined) return `+ ${change.path}: ${show(change.after)}${note}`;
  if (change.after === undefined && change.before !== undefined) return `- ${change.path}: ${show(change.before)}${note}`;
  return `~ ${change.path}: ${show(change.before)} -> ${show(change.after)}${note}`;
}

/** The definition lines shown for a created sync or connection. */
export function createdLines(step: PlanStep): string[] {
  if (step.kind !== 'create') return [];
  if (step.resource === 'connection') {
    const c = step.after;
    return [`connector: ${c.connector}`, `options: ${canonicalJson(redactOptions(c.connector, c.options))}`];
  }
  const s = step.after;
  const lines = [`hub: ${s.hub}, app: ${s.app}, enabled: ${s.enabled}, pollInterval: ${s.pollInterval}`];
  for (const o of s.objects) lines.push(`objects[${o.hub}]: ${describeObject(o)}`);
  if (s.associations.length > 0) lines.push(`associations: ${s.associations.map((a) => `${a.from}->${a.to}`).join(', ')}`);
  return lines;
}

/** A readable one-liner for an object pair. */
export function describeObject(o: SyncObject): string {
  const mappings = o.mappings.fields.length;
  const filters = o.filters.hub.length + o.filters.app.length;
  return [
    `<-> ${o.app}`,
    o.direction,
    `winner ${o.conflictWinner}`,
    o.match.length > 0 ? `match [${o.match.join(', ')}]` : 'never matched',
    `${mappings} field mapping${mappings === 1 ? '' : 's'}${o.mappings.defaults ? ' + defaults' : ''}`,
    `${filters} filter${filters === 1 ? '' : 's'}`,
    ...(o.onlyWithEmail ? ['only with email'] : []),
  ].join(', ');
}

function formatValue(path: string, value: unknown): string {
  if (value === undefined) return '(none)';
  if (/^objects\[[^\]]+\]$/.test(path) && value !== null && typeof value === 'object') return `{${describeObject(value as SyncObject)}}`;
  return canonicalJson(value);
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}
