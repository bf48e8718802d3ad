// The merge rules of PRODUCT.md for a matched pair, and what a create writes. Pure functions
// over canonical values: the phases decide when to call them and carry out what they return.
//
// Pair, field by field (values compared after conversion, so 5 and "5" agree):
// - both empty: nothing (a required field fails the pair: missing_required_field);
// - one side empty: filled from the other, when the direction writes the empty side;
// - both set and different (a conflict): the conflict winner's value is written to the other
//   side, when the direction writes that side; otherwise nothing changes (the winner never
//   overrides the direction). A winner with no value is the "one side empty" case: it never
//   erases the other side's value.
import type { Properties, PropertyValue } from '../connectors/types.js';
import type { FailureCategory } from '../errors/categories.js';
import { type ResolvedField, type ResolvedObject, fieldFlowsTo as flowsTo, fieldOn as fieldOf, otherSide as other } from './mappings.js';
import type { Side } from './record-index.js';
import type { FieldDiff } from './report.js';
import { canonical, coerce, sameValue } from './values.js';

/** A record-level failure found before anything is written. */
export interface RecordFailure {
  category: Extract<FailureCategory, 'invalid_value' | 'missing_required_field'>;
  message: string;
}

export type PairMerge =
  | {
      ok: true;
      /** Values to write per side (empty: nothing to write there). */
      patch: Record<Side, Properties>;
      /** Each side's canonical values after the writes. */
      after: Record<Side, Properties>;
      conflict: boolean;
      changes: FieldDiff[];
    }
  | ({ ok: false } & RecordFailure);

/** The failure of a value the other side's field type cannot hold (the value itself stays out). */
export function invalidValue(f: ResolvedField, from: Side): RecordFailure {
  const src = fieldOf(f, from);
  const dst = fieldOf(f, other(from));
  // The value itself stays out of the message: it is personal data, and messages reach logs and state.
  return {
    category: 'invalid_value',
    message: `invalid value: ${from} field "${src.name}" holds a value that ${other(from)} field "${dst.name}" (${dst.info.type}${dst.info.options && dst.info.options.length > 0 ? `: ${dst.info.options.join(', ')}` : ''}) cannot hold.`,
  };
}

/** The failure of a required mapped field left empty. */
export function missingRequired(f: ResolvedField): RecordFailure {
  return { category: 'missing_required_field', message: `missing required field ${f.hub} (app field ${f.app}).` };
}

/** True when the two sides hold the same value of a mapped field (both empty included). */
export function fieldsAgree(f: ResolvedField, hv: PropertyValue, av: PropertyValue): boolean {
  if (hv === null || av === null) return hv === av;
  const toHub = coerce(av, f.hubField);
  if (toHub.ok && sameValue(canonical(toHub.value, f.hubField), hv)) return true;
  const toApp = coerce(hv, f.appField);
  return toApp.ok && sameValue(canonical(toApp.value, f.appField), av);
}

/** Merges a matched pair's canonical values under the object's direction and conflict winner. */
export function mergePair(ro: ResolvedObject, hubValues: Properties, appValues: Properties): PairMerge {
  const patch: Record<Side, Properties> = { hub: {}, app: {} };
  const after: Record<Side, Properties> = { hub: { ...hubValues }, app: { ...appValues } };
  const changes: FieldDiff[] = [];
  let conflict = false;
  const winner = ro.definition.conflictWinner;

  const write = (f: ResolvedField, to: Side, value: PropertyValue): RecordFailure | undefined => {
    const dst = fieldOf(f, to);
    const c = coerce(value, dst.info);
    if (!c.ok) return invalidValue(f, other(to));
    const before = after[to][dst.name] ?? null;
    patch[to][dst.name] = c.value;
    const stored = canonical(c.value, dst.info);
    if (stored === null) delete after[to][dst.name];
    else after[to][dst.name] = stored;
    changes.push({ field: `${to}.${dst.name}`, before, after: c.value });
    return undefined;
  };

  for (const f of ro.fields) {
    const hv = hubValues[f.hub] ?? null;
    const av = appValues[f.app] ?? null;
    let failure: RecordFailure | undefined;
    if (hv === null && av === null) {
      if (f.required) return { ok: false, ...missingRequired(f) };
      continue;
    }
    if (hv !== null && av !== null) {
      if (fieldsAgree(f, hv, av)) continue;
      conflict = true;
      const loser = other(winner);
      if (flowsTo(f, loser)) failure = write(f, loser, winner === 'hub' ? hv : av);
    } else if (hv === null) {
      if (f.toHub) failure = write(f, 'hub', av);
    } else if (f.toApp) {
      failure = write(f, 'app', hv);
    }
    if (failure) return { ok: false, ...failure };
  }
  return { ok: true, patch, after, conflict, changes };
}

export type CreateBuild = { ok: true; properties: Properties; values: Properties; changes: FieldDiff[] } | ({ ok: false } & RecordFailure);

/**
 * What creating a record on `target` from `source` values writes: every mapped field that flows
 * to the target, converted to its type. `values` are the created record's canonical values.
 */
export function buildCreate(ro: ResolvedObject, target: Side, sourceValues: Properties): CreateBuild {
  const from = other(target);
  const properties: Properties = {};
  const values: Properties = {};
  const changes: FieldDiff[] = [];
  for (const f of ro.fields) {
    const src = fieldOf(f, from);
    const value = sourceValues[src.name] ?? null;
    if (value === null) {
      if (f.required) return { ok: false, ...missingRequired(f) };
      continue;
    }
    if (!flowsTo(f, target)) continue;
    const dst = fieldOf(f, target);
    const c = coerce(value, dst.info);
    if (!c.ok) return { ok: false, ...invalidValue(f, from) };
    if (c.value === null) continue;
    properties[dst.name] = c.value;
    const stored = canonical(c.value, dst.info);
    if (stored !== null) values[dst.name] = stored;
    changes.push({ field: `${target}.${dst.name}`, before: null, after: c.value });
  }
  return { ok: true, properties, values, changes };
}
