// The three-way merge of one from record's associations, in HUB id space, against its base
// (the last synced state). Pure: the caller reads, translates, writes and saves.
//
// Sets (deals→contacts, …): the result is hub ∪ app minus every base edge that either side no
// longer has; each side gets what it lacks of the result and loses what the result dropped.
//
// Primary-only kinds (contacts→companies, deals→companies): one value per side (the primary
// target, or none), merged like a field: equal → nothing; one side equals the base → the other
// side's value (an emptied one included); both changed → the conflict winner's value, and a
// winner with no value changes nothing. Writing sets the primary (the written side's other edges
// lose the flag and stay) and replaces the previously synced target the way the side the value
// comes from did: where that side no longer has it at all, it is removed; where that side still
// has it as a plain edge (a new primary was picked, or the flag was cleared), it stays, demoted —
// as HubSpot itself keeps the old primary company — so the two sides never disagree on an edge
// both of them held.
//
// Writes go only to sides `writes` allows (both objects flow there). The next base is what is
// in step afterwards: for sets, every result edge now on both sides, plus every dropped edge
// still on some side (its removal was not allowed or failed: it is tried again, never re-added);
// for primaries, the value both sides now agree on, else the old base (tried again next pass).
import type { Side } from '../record-index.js';

const SIDES: readonly Side[] = ['hub', 'app'];

export interface MergeInput {
  primaryOnly: boolean;
  /** The conflict winner of the from object's pair. */
  winner: Side;
  /** Sides edges may be written to. */
  writes: Record<Side, boolean>;
  /**
   * Each side's current targets (hub ids), only those whose link is healthy. For primary-only
   * kinds at most one: the side's primary.
   */
  current: Record<Side, readonly string[]>;
  /** The base targets (hub ids): at most one for primary-only kinds. */
  base: readonly string[];
  /**
   * Primary-only kinds: each side's targets of any edge, primary or not (hub ids; only the base
   * target is looked up). Absent: a side is taken to hold only its primary.
   */
  holds?: Record<Side, readonly string[]>;
}

/** The writes to one side (hub ids of the targets). */
export interface SideWrites {
  /** Targets to associate (as the primary for primary-only kinds). */
  add: string[];
  remove: string[];
  /** Primary-only kinds: targets that lose the primary flag and stay associated (set only when there are some). */
  demote?: string[];
}

export interface MergeDecision {
  writes: Record<Side, SideWrites>;
  /** Targets the merge wants on both sides (primary-only: zero or one). */
  result: string[];
  /** Primary-only: both sides changed to different values (the winner decided, or nothing moved). */
  conflict: boolean;
}

/** Writes that went through, per side (hub ids of the targets). */
export type Applied = Record<Side, { added: ReadonlySet<string>; removed: ReadonlySet<string>; demoted?: ReadonlySet<string> }>;

function noWrites(): Record<Side, SideWrites> {
  return { hub: { add: [], remove: [] }, app: { add: [], remove: [] } };
}

/** The writes that bring one from record's associations in step. */
export function mergeAssociations(input: MergeInput): MergeDecision {
  return input.primaryOnly ? mergePrimary(input) : mergeSet(input);
}

function mergeSet(input: MergeInput): MergeDecision {
  const cur = { hub: new Set(input.current.hub), app: new Set(input.current.app) };
  const base = new Set(input.base);
  const result = [...new Set([...cur.hub, ...cur.app])].filter((t) => !(base.has(t) && (!cur.hub.has(t) || !cur.app.has(t)))).sort();
  const keep = new Set(result);
  const writes = noWrites();
  for (const side of SIDES) {
    if (!input.writes[side]) continue;
    writes[side].add = result.filter((t) => !cur[side].has(t));
    writes[side].remove = [...cur[side]].filter((t) => !keep.has(t)).sort();
  }
  return { writes, result, conflict: false };
}

/** One side's primary value, for primary-only kinds. */
function valueOf(list: readonly string[]): string | null {
  return [...list].sort()[0] ?? null;
}

function mergePrimary(input: MergeInput): MergeDecision {
  const hub = valueOf(input.current.hub);
  const app = valueOf(input.current.app);
  const base = valueOf(input.base);
  const writes = noWrites();
  let value: string | null;
  // The side the merged value comes from.
  let source: Side;
  let conflict = false;
  if (hub === app) return { writes, result: hub === null ? [] : [hub], conflict };
  if (hub === base) [value, source] = [app, 'app'];
  else if (app === base) [value, source] = [hub, 'hub'];
  else {
    conflict = true;
    source = input.winner;
    value = source === 'hub' ? hub : app;
    // The winner has none: nothing changes on the other side.
    if (value === null) return { writes, result: [], conflict };
  }
  const current = { hub, app };
  // The previously synced target is kept (demoted) where the source side still has it as a plain edge.
  const demoted = base !== null && base !== value && (input.holds?.[source] ?? []).includes(base);
  for (const side of SIDES) {
    if (current[side] === value || !input.writes[side]) continue;
    if (value !== null) writes[side].add.push(value);
    if (base === null || base === value) continue;
    // Adding the new primary demotes the old one by itself; with no new primary it is demoted explicitly.
    if (!demoted) writes[side].remove.push(base);
    else if (value === null && current[side] === base) writes[side].demote = [base];
  }
  return { writes, result: value === null ? [] : [value], conflict };
}

/** The base after the writes in `applied` went through (see the file comment). */
export function baseAfter(input: MergeInput, decision: MergeDecision, applied: Applied): string[] {
  const after = (side: Side): Set<string> => {
    const s = new Set(input.current[side]);
    for (const t of applied[side].removed) s.delete(t);
    for (const t of applied[side].added) s.add(t);
    return s;
  };
  if (input.primaryOnly) {
    const value = (side: Side): string | null => {
      const added = [...applied[side].added][0];
      if (added !== undefined) return added;
      const had = valueOf(input.current[side]);
      return had !== null && (applied[side].removed.has(had) || applied[side].demoted?.has(had) === true) ? null : had;
    };
    const hub = value('hub');
    if (hub === value('app')) return hub === null ? [] : [hub];
    return [...input.base];
  }
  const now = { hub: after('hub'), app: after('app') };
  const result = new Set(decision.result);
  const all = new Set([...input.current.hub, ...input.current.app, ...input.base]);
  return [...all].filter((t) => (result.has(t) ? now.hub.has(t) && now.app.has(t) : now.hub.has(t) || now.app.has(t))).sort();
}
