// Field-level diff of two sync definitions, and what each difference forces.
import type { FieldMap, Sync, SyncObject } from '../config/model.js';
import type { FieldChange } from './types.js';
import { byString, multisetDelta, sameMultiset } from './value-diff.js';

/** The field changes of one sync, and which restarts they call for. */
export interface SyncDiff {
  changes: FieldChange[];
  /** A change of the whole sync (hub or app connection). */
  restartAll: boolean;
  /** Hub object names whose own definition changed (or that were added). */
  restartObjects: Set<string>;
}

const NOTE_OBJECT_ADDED = 'new object: its initial sync starts';
const NOTE_OBJECT_REMOVED = 'object removed: its part of the index is dropped; records stay in both apps; nothing restarts';
const NOTE_ASSOCIATION =
  'associations are kept in step incrementally (as linked records change); no initial sync restarts';

/** Compares two definitions of the same sync, ignoring `source`, order of lists and spelling of durations. */
export function diffSync(before: Sync, after: Sync): SyncDiff {
  const diff: SyncDiff = { changes: [], restartAll: false, restartObjects: new Set() };
  const push = (path: string, b: unknown, a: unknown, note?: string): void => {
    diff.changes.push(note === undefined ? { path, before: b, after: a } : { path, before: b, after: a, note });
  };

  if (before.description !== after.description) push('description', before.description, after.description);
  if (before.hub !== after.hub) {
    push('hub', before.hub, after.hub);
    diff.restartAll = true;
  }
  if (before.app !== after.app) {
    push('app', before.app, after.app);
    diff.restartAll = true;
  }
  if (before.enabled !== after.enabled) push('enabled', before.enabled, after.enabled);
  // `5m` and `300s` are the same interval: only the duration itself counts.
  if (before.pollIntervalMs !== after.pollIntervalMs) push('pollInterval', before.pollInterval, after.pollInterval);
  if (before.notify?.webhook !== after.notify?.webhook) push('notify.webhook', before.notify?.webhook, after.notify?.webhook);

  const beforeObjects = byHubName(before.objects);
  const afterObjects = byHubName(after.objects);
  for (const name of unionKeys(beforeObjects, afterObjects)) {
    const b = beforeObjects.get(name);
    const a = afterObjects.get(name);
    const path = `objects[${name}]`;
    if (b === undefined) {
      push(path, undefined, a, NOTE_OBJECT_ADDED);
      diff.restartObjects.add(name);
    } else if (a === undefined) {
      push(path, b, undefined, NOTE_OBJECT_REMOVED);
    } else {
      const objectChanges = diffObject(path, b, a);
      if (objectChanges.length > 0) diff.restartObjects.add(name);
      diff.changes.push(...objectChanges);
    }
  }

  const beforeAssoc = new Map(before.associations.map((x) => [`${x.from}->${x.to}`, x]));
  const afterAssoc = new Map(after.associations.map((x) => [`${x.from}->${x.to}`, x]));
  for (const key of unionKeys(beforeAssoc, afterAssoc)) {
    const b = beforeAssoc.get(key);
    const a = afterAssoc.get(key);
    if (b === undefined || a === undefined) push(`associations[${key}]`, b, a, NOTE_ASSOCIATION);
  }
  return diff;
}

/** Every field change within one object pair; any of them restarts that object. */
function diffObject(prefix: string, before: SyncObject, after: SyncObject): FieldChange[] {
  const out: FieldChange[] = [];
  const scalar = (field: 'app' | 'direction' | 'conflictWinner' | 'onlyWithEmail'): void => {
    if (before[field] !== after[field]) out.push({ path: `${prefix}.${field}`, before: before[field], after: after[field] });
  };
  scalar('app');
  scalar('direction');
  scalar('conflictWinner');
  scalar('onlyWithEmail');
  if (!sameMultiset(before.match, after.match)) {
    out.push({ path: `${prefix}.match`, before: [...before.match], after: [...after.match] });
  }
  if (before.mappings.defaults !== after.mappings.defaults) {
    out.push({ path: `${prefix}.mappings.defaults`, before: before.mappings.defaults, after: after.mappings.defaults });
  }
  const beforeFields = byMappingKey(before.mappings.fields);
  const afterFields = byMappingKey(after.mappings.fields);
  for (const key of unionKeys(beforeFields, afterFields)) {
    const b = beforeFields.get(key);
    const a = afterFields.get(key);
    const path = `${prefix}.mappings.fields[${key}]`;
    if (b === undefined || a === undefined) {
      out.push({ path, before: b, after: a });
      continue;
    }
    if (b.required !== a.required) out.push({ path: `${path}.required`, before: b.required, after: a.required });
    if (b.enabled !== a.enabled) out.push({ path: `${path}.enabled`, before: b.enabled, after: a.enabled });
  }
  for (const side of ['hub', 'app'] as const) {
    const { removed, added } = multisetDelta(before.filters[side], after.filters[side]);
    for (const { index, item } of removed) out.push({ path: `${prefix}.filters.${side}[${index}]`, before: item, after: undefined });
    for (const { index, item } of added) out.push({ path: `${prefix}.filters.${side}[${index}]`, before: undefined, after: item });
  }
  return out;
}

function byHubName(objects: readonly SyncObject[]): Map<string, SyncObject> {
  return new Map(objects.map((o) => [o.hub, o]));
}

function byMappingKey(fields: readonly FieldMap[]): Map<string, FieldMap> {
  return new Map(fields.map((f) => [`${f.hub}->${f.app}`, f]));
}

function unionKeys<T>(a: Map<string, T>, b: Map<string, T>): string[] {
  return [...new Set([...a.keys(), ...b.keys()])].sort(byString);
}
