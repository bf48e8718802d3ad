// Checks that parsed JSON is a plan this syncctl can apply. A saved plan is applied as it
// stands, so a hand-edited or truncated file must be refused, not half-applied.
import { summarize } from '../reconcile/summary.js';
import type { Plan, PlanStep } from '../reconcile/types.js';

/** What is wrong with a value that should be a plan, or undefined when it is one. */
export type ShapeProblem = { where: string; message: string };

const STEP_RESOURCES: Readonly<Record<string, readonly string[]>> = {
  create: ['connection', 'sync'],
  change: ['connection', 'sync'],
  'turn-off': ['sync'],
  'turn-on': ['sync'],
  orphan: ['sync'],
  delete: ['connection', 'sync'],
  unchanged: ['connection', 'sync'],
};
const FORCES = ['none', 'restart-sync', 'restart-objects'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Validates a parsed plan; returns it with its summary recounted from its steps. */
export function checkPlanShape(value: unknown): { plan: Plan } | { problem: ShapeProblem } {
  const fail = (where: string, message: string): { problem: ShapeProblem } => ({ problem: { where, message } });
  if (!isRecord(value)) return fail('(top level)', 'is not a JSON object');
  if (typeof value.createdAt !== 'string') return fail('createdAt', 'is missing or not a string');
  if (value.stateRevision !== null && typeof value.stateRevision !== 'number') return fail('stateRevision', 'must be a number or null');
  if (typeof value.desiredHash !== 'string') return fail('desiredHash', 'is missing or not a string');
  if (!isRecord(value.options) || typeof value.options.allowDelete !== 'boolean') return fail('options.allowDelete', 'is missing or not a boolean');
  if (value.options.base !== undefined && typeof value.options.base !== 'string') return fail('options.base', 'must be a string');
  if (!Array.isArray(value.steps)) return fail('steps', 'is missing or not a list');
  if (value.data !== undefined && !isRecord(value.data)) return fail('data', 'must be an object');
  for (const [i, step] of value.steps.entries()) {
    const problem = stepProblem(step);
    if (problem !== undefined) return fail(`steps[${i}]`, problem);
  }
  const steps = value.steps as PlanStep[];
  const plan: Plan = {
    formatVersion: 1,
    createdAt: value.createdAt,
    stateRevision: value.stateRevision,
    desiredHash: value.desiredHash,
    options: value.options.base === undefined ? { allowDelete: value.options.allowDelete } : { allowDelete: value.options.allowDelete, base: value.options.base },
    steps,
    summary: summarize(steps),
    ...(value.data === undefined ? {} : { data: value.data }),
  };
  return { plan };
}

function stepProblem(step: unknown): string | undefined {
  if (!isRecord(step)) return 'is not an object';
  const kind = step.kind;
  if (typeof kind !== 'string' || !Object.hasOwn(STEP_RESOURCES, kind)) return `has an unknown kind ${JSON.stringify(kind)}`;
  if (typeof step.resource !== 'string' || !(STEP_RESOURCES[kind] ?? []).includes(step.resource)) return `has resource ${JSON.stringify(step.resource)}, which a ${kind} step cannot have`;
  if (typeof step.name !== 'string' || step.name === '') return 'has no name';
  if (kind === 'unchanged') return undefined;
  if (!isRecord(step.forces) || !FORCES.includes(String(step.forces.kind))) return 'has no valid forces';
  if (step.forces.kind === 'restart-objects' && !isStringList(step.forces.objects)) return 'restarts objects without naming them';
  const needs = { before: kind !== 'create', after: kind === 'create' || kind === 'change' || kind === 'turn-on' || kind === 'turn-off' };
  for (const side of ['before', 'after'] as const) {
    if (!needs[side]) continue;
    const def = step[side];
    if (!isRecord(def) || def.name !== step.name) return `has no ${side} definition named ${step.name}`;
    if (step.resource === 'sync' && !Array.isArray(def.objects)) return `has a ${side} sync definition without objects`;
    if (step.resource === 'connection' && (typeof def.connector !== 'string' || !isRecord(def.options))) return `has a ${side} connection definition without connector and options`;
  }
  if ((kind === 'change' || kind === 'turn-on' || kind === 'turn-off') && !Array.isArray(step.changes)) return 'has no list of changes';
  if (kind === 'change' && step.resource === 'connection' && !isStringList(step.restarts)) return 'has no list of restarted syncs';
  return undefined;
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((x) => typeof x === 'string');
}
