// The plan for tools (and the saved-plan file): versioned, every step with before/after,
// secrets only ever as their `${env:X}` reference.
import { redactSecrets } from '../log/redact.js';
import type { Plan } from '../reconcile/types.js';
import { redactPlan } from './redact-plan.js';

/**
 * Renders a plan as JSON (`formatVersion: 1`). Values a step does not have (a created
 * resource's `before`, a removed field's `after`) are left out rather than written as null.
 */
export function renderJson(plan: Plan): string {
  return redactSecrets(`${JSON.stringify(redactPlan(plan), null, 2)}\n`);
}
