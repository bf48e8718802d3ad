import path from 'node:path';
import { canonicalJson } from '../util/canonical.js';
import { deepFreeze } from './deep-freeze.js';
import { parseDuration } from './duration.js';
import type { Connection, FieldMap, Sync, SyncObject } from './model.js';
import type { ParsedDocument } from './parsed-document.js';
import { positionOf } from './positions.js';
import type { SourceRef } from './problem.js';
import type { ConnectionDocument, FilterCondition, SyncDocument, SyncObjectDefinition } from './types.generated.js';

/** Hub properties that identify a record when `match` is not given, by hub object name. */
export const DEFAULT_MATCH: Readonly<Record<string, readonly string[]>> = { contacts: ['email'], companies: ['name', 'domain'] };
export const DEFAULT_POLL_INTERVAL = '5m';

/** Where a document starts, for messages that point at a whole definition. */
export function sourceOf(pd: ParsedDocument): SourceRef {
  return { file: pd.file, ...positionOf(pd, '') };
}

/** A validated Connection document as the frozen model; relative option paths resolve against `baseDir`. */
export function normaliseConnection(doc: ConnectionDocument, pd: ParsedDocument, cwd: string): Connection {
  return deepFreeze({
    name: doc.name,
    connector: doc.connector,
    ...(doc.description !== undefined ? { description: doc.description } : {}),
    options: structuredClone(doc.options) as Record<string, unknown>,
    baseDir: path.resolve(cwd, path.dirname(pd.file)),
    source: sourceOf(pd),
  });
}

/** A validated Sync document as the frozen model: every default filled in, every list in canonical order. */
export function normaliseSync(doc: SyncDocument, pd: ParsedDocument): Sync {
  const pollInterval = doc.pollInterval ?? DEFAULT_POLL_INTERVAL;
  return deepFreeze({
    name: doc.name,
    ...(doc.description !== undefined ? { description: doc.description } : {}),
    hub: doc.hub,
    app: doc.app,
    enabled: doc.enabled ?? true,
    pollInterval,
    pollIntervalMs: parseDuration(pollInterval),
    ...(doc.notify !== undefined ? { notify: { webhook: doc.notify.webhook } } : {}),
    objects: doc.objects.map(normaliseObject).sort((a, b) => compare(a.hub, b.hub) || compare(a.app, b.app)),
    associations: (doc.associations ?? []).map((a) => ({ from: a.from, to: a.to })).sort((a, b) => compare(a.from, b.from) || compare(a.to, b.to)),
    source: sourceOf(pd),
  });
}

function normaliseObject(o: SyncObjectDefinition): SyncObject {
  const fields: FieldMap[] = (o.mappings?.fields ?? [])
    .map((f) => ({ hub: f.hub, app: f.app, required: f.required ?? false, enabled: f.enabled ?? true }))
    .sort((a, b) => compare(a.hub, b.hub) || compare(a.app, b.app) || compare(canonicalJson(a), canonicalJson(b)));
  return {
    hub: o.hub,
    app: o.app,
    direction: o.direction ?? 'two-way',
    conflictWinner: o.conflictWinner ?? 'hub',
    onlyWithEmail: o.hub === 'contacts' ? (o.onlyWithEmail ?? true) : false,
    // Matching is by any of the properties, so their order carries no meaning.
    match: [...new Set(o.match ?? DEFAULT_MATCH[o.hub] ?? [])].sort(compare),
    mappings: { defaults: o.mappings?.defaults ?? true, fields },
    filters: { hub: normaliseFilters(o.filters?.hub), app: normaliseFilters(o.filters?.app) },
  };
}

/** Conditions all have to hold, so their order carries no meaning; neither does the order of an `in` list. */
function normaliseFilters(filters: FilterCondition[] | undefined): FilterCondition[] {
  return (filters ?? [])
    .map((f) => ({ property: f.property, op: f.op, ...(f.value !== undefined ? { value: Array.isArray(f.value) ? [...f.value].sort((a, b) => compare(canonicalJson(a), canonicalJson(b))) : f.value } : {}) }))
    .sort((a, b) => compare(canonicalJson(a), canonicalJson(b)));
}

/** Code-point order: the same on every machine, unlike localeCompare. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
