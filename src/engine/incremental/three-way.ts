// The field-level three-way merge of a linked pair: each side's current values against the
// values the index kept when the pair was last in step (the base). Pure: the batch decides
// when to call it and carries out what it returns.
//
// Per mapped field (values compared after conversion, so 5 and "5" agree):
// - neither side changed: nothing (what the last pass left stays as it left it);
// - one side changed: its value wins whatever the conflict winner, an emptied value included,
//   when the direction writes the other side;
// - both changed to the same value: nothing to write;
// - both changed differently: the conflict winner's value, when the direction writes the
//   loser; a winner with no value changes nothing.
// A required field left empty on both sides fails the pair (missing_required_field) and
// nothing is written.
import type { Properties, PropertyValue } from '../../connectors/types.js';
import { type ResolvedField, type ResolvedObject, fieldFlowsTo as flowsTo, fieldOn as fieldOf, otherSide as other } from '../mappings.js';
import { type RecordFailure, fieldsAgree, invalidValue as invalid, missingRequired } from '../merge.js';
import type { Side } from '../record-index.js';
import { canonical, coerce, sameValue } from '../values.js';

export type ThreeWay =
  | {
      ok: true;
      /** Values to write per side (empty: nothing to write there); null clears a field. */
      patch: Record<Side, Properties>;
      /** Each side's canonical values after the writes: the next base. */
      after: Record<Side, Properties>;
      /** At least one field changed on both sides to different values. */
      conflict: boolean;
    }
  | ({ ok: false } & RecordFailure);

/** The side whose value should flow for one field, if any. */
function source(f: ResolvedField, winner: Side, cur: Record<Side, PropertyValue>, base: Record<Side, PropertyValue>): Side | undefined {
  const hubChanged = !sameValue(cur.hub, base.hub);
  const appChanged = !sameValue(cur.app, base.app);
  if (hubChanged && appChanged) {
    if (fieldsAgree(f, cur.hub, cur.app)) return undefined;
    // The winner never erases the loser's value.
    return cur[winner] === null ? undefined : winner;
  }
  if (hubChanged) return 'hub';
  return appChanged ? 'app' : undefined;
}

/** Merges a linked pair's current values against their bases under the object's direction and conflict winner. */
export function mergeThreeWay(ro: ResolvedObject, current: Record<Side, Properties>, base: Record<Side, Properties>): ThreeWay {
  const patch: Record<Side, Properties> = { hub: {}, app: {} };
  const after: Record<Side, Properties> = { hub: { ...current.hub }, app: { ...current.app } };
  const winner = ro.definition.conflictWinner;
  let conflict = false;

  for (const f of ro.fields) {
    const cur = { hub: current.hub[f.hub] ?? null, app: current.app[f.app] ?? null };
    const was = { hub: base.hub[f.hub] ?? null, app: base.app[f.app] ?? null };
    if (!sameValue(cur.hub, was.hub) && !sameValue(cur.app, was.app) && !fieldsAgree(f, cur.hub, cur.app)) conflict = true;
    const from = source(f, winner, cur, was);
    if (!from) continue;
    const to = other(from);
    const value = cur[from];
    if (!flowsTo(f, to) || fieldsAgree(f, cur.hub, cur.app)) continue;
    const dst = fieldOf(f, to);
    const c = coerce(value, dst.info);
    if (!c.ok) return { ok: false, ...invalid(f, from) };
    patch[to][dst.name] = c.value;
    const stored = canonical(c.value, dst.info);
    if (stored === null) delete after[to][dst.name];
    else after[to][dst.name] = stored;
  }

  for (const f of ro.fields) {
    if (f.required && (after.hub[f.hub] ?? null) === null && (after.app[f.app] ?? null) === null) {
      return { ok: false, ...missingRequired(f) };
    }
  }
  return { ok: true, patch, after, conflict };
}
