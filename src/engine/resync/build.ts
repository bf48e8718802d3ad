// What to write for one recreated record: the survivor's current values of the fields that may
// flow to the side being restored (read-only fields and the direction respected), converted
// to the target field types. A value that cannot be written fails that record alone.
import type { Properties, RemoteRecord } from '../../connectors/types.js';
import type { FailureCategory } from '../../errors/categories.js';
import { FAILURE_CATEGORIES } from '../../errors/categories.js';
import { SyncctlError } from '../../errors/syncctl-error.js';
import type { ResolvedObject } from '../mappings.js';
import type { Side } from '../record-index.js';
import { coerce, preview } from '../values.js';
import { otherSide } from './find.js';

export type Built = { ok: true; properties: Properties } | { ok: false; category: FailureCategory; message: string };

/** The properties to create on `target` from the survivor record on the other side. */
export function buildCreate(ro: ResolvedObject, target: Side, survivor: RemoteRecord): Built {
  const source = otherSide(target);
  const properties: Properties = {};
  if (!ro.fields.some((f) => (target === 'app' ? f.toApp : f.toHub))) {
    return { ok: false, category: 'invalid_value', message: `no mapped field of ${ro.object} may be written to the ${target} (direction ${ro.definition.direction}, or read-only fields), so nothing can be recreated there.` };
  }
  for (const f of ro.fields) {
    if (target === 'app' ? !f.toApp : !f.toHub) continue;
    const value = survivor.properties[f[source]];
    const field = target === 'app' ? f.appField : f.hubField;
    const converted = coerce(value, field);
    if (!converted.ok) {
      return { ok: false, category: 'invalid_value', message: `${source} field ${f[source]} holds ${preview(value)}, which ${target} field ${f[target]} cannot hold (${converted.expected}).` };
    }
    if (f.required && converted.value === null) {
      return { ok: false, category: 'missing_required_field', message: `required field ${f[source]} is empty on the ${source} record.` };
    }
    if (converted.value !== null) properties[f[target]] = converted.value;
  }
  return { ok: true, properties };
}

/** The failure category a thrown connector error stands for. */
export function categoryOf(error: unknown): FailureCategory {
  if (error instanceof SyncctlError && error.code in FAILURE_CATEGORIES) return error.code as FailureCategory;
  return error instanceof SyncctlError && error.meta.retryable === true ? 'app_unavailable' : 'unknown';
}

/** A message for a thrown connector error, safe to show. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
