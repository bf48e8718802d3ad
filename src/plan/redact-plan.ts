// Every renderer shows a plan through this: secret connection options appear only as their
// `${env:X}` reference (or [redacted]), however they got into the plan.
import type { Connection } from '../config/model.js';
import { SECRET_OPTIONS, secretOptionNames, showSecretValue } from '../reconcile/secret-options.js';
import { assertNever } from '../reconcile/summary.js';
import type { FieldChange, Plan, PlanStep } from '../reconcile/types.js';

/** Secret option names of every known connector, and of the fallback for unknown ones. */
const ANY_SECRET = new Set([...Object.values(SECRET_OPTIONS).flat(), ...secretOptionNames('')]);

/** `options.token`, `connections[x].options.token.y`, `options["token"]`: the option name, if the path is in options. */
const OPTION_PATH = /(?:^|\.)options(?:\.([A-Za-z_][A-Za-z0-9_-]*)|\["((?:[^"\\]|\\.)*)"\])/;

/** A copy of the plan that is safe to print or save. */
export function redactPlan(plan: Plan): Plan {
  return { ...plan, steps: plan.steps.map(redactStep) };
}

function redactStep(step: PlanStep): PlanStep {
  switch (step.kind) {
    case 'create':
      return step.resource === 'connection' ? { ...step, after: redactConnection(step.after) } : step;
    case 'change':
      if (step.resource === 'connection') {
        return { ...step, before: redactConnection(step.before), after: redactConnection(step.after), changes: step.changes.map(redactChange) };
      }
      return { ...step, changes: step.changes.map(redactChange) };
    case 'turn-on':
    case 'turn-off':
      return { ...step, changes: step.changes.map(redactChange) };
    case 'delete':
      return step.resource === 'connection' && 'connector' in step.before ? { ...step, before: redactConnection(step.before) } : step;
    case 'orphan':
    case 'unchanged':
      return step;
    default:
      return assertNever(step);
  }
}

function redactConnection(connection: Connection): Connection {
  const options: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(connection.options)) options[key] = ANY_SECRET.has(key) ? showSecretValue(value) : value;
  return { ...connection, options };
}

function redactChange(change: FieldChange): FieldChange {
  const match = OPTION_PATH.exec(change.path);
  const option = match?.[1] ?? (match?.[2] === undefined ? undefined : (JSON.parse(`"${match[2]}"`) as string));
  if (option === undefined || !ANY_SECRET.has(option)) return change;
  return { ...change, before: hideDeep(change.before), after: hideDeep(change.after) };
}

/** A secret's value, or anything nested under a secret option: only references survive. */
function hideDeep(value: unknown): unknown {
  if (value === undefined) return undefined;
  if (value !== null && typeof value === 'object') return '[redacted]';
  return showSecretValue(value);
}
