// Gathers `syncctl status`: each sync's lifecycle from the state store, what its definition file
// says now (when the directory was read), and per object the index's counts and latest run.
import type { LoadResult, Problem } from '../config/index.js';
import { formatLocation } from '../config/index.js';
import { suggestionHint } from '../config/suggest.js';
import { countsFrom } from '../engine/report.js';
import { SyncctlError } from '../errors/syncctl-error.js';
import { associationName, isPrimaryOnly } from '../engine/associations/types.js';
import type { AppliedState, AppliedSync } from '../store/types.js';
import type { ObjectHealth, RecordQuery, RunInfo, SideHealth } from './record-query.js';
import {
  type AssociationStatus,
  type ConfigProblemRef,
  type ConfigStatus,
  type ObjectStatus,
  type RunStatus,
  type SideStatus,
  STATUS_FORMAT_VERSION,
  type StatusReport,
  type SyncStatus,
} from './status-types.js';

/** The definitions directory as loaded (phase plan), for reporting rejected files. */
export interface LoadedDefinitions {
  dir: string;
  load: LoadResult;
}

export interface CollectStatusOptions {
  /** Only this sync; unknown names fail with `unknown_sync`. */
  sync?: string;
  definitions?: LoadedDefinitions | null;
  now?: () => Date;
}

/** A StatusReport for every applied sync (and every sync a definition file names), or one of them. */
export async function collectStatus(
  applied: AppliedState,
  query: RecordQuery,
  options: CollectStatusOptions = {},
): Promise<StatusReport> {
  const defs = options.definitions ?? null;
  const names = knownSyncNames(applied, defs);
  if (options.sync !== undefined && !names.includes(options.sync)) throw unknownSync(options.sync, names, query.location);
  const chosen = options.sync !== undefined ? [options.sync] : names;
  const syncs: SyncStatus[] = [];
  for (const name of chosen) syncs.push(await syncStatus(name, applied.syncs[name], query, defs));
  return {
    formatVersion: STATUS_FORMAT_VERSION,
    generatedAt: (options.now ?? (() => new Date()))().toISOString(),
    state: query.location,
    definitions: defs?.dir ?? null,
    syncs,
    configProblems: defs ? unattributedProblems(defs.load) : [],
  };
}

/** `syncctl status --format json`: the report as versioned JSON (ends with a newline). */
export function formatStatusJson(report: StatusReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** Applied syncs and syncs the files name (valid or rejected), sorted. */
export function knownSyncNames(applied: AppliedState, defs: LoadedDefinitions | null): string[] {
  const names = new Set(Object.keys(applied.syncs));
  if (defs) {
    for (const name of Object.keys(defs.load.desired.syncs)) names.add(name);
    for (const r of defs.load.rejected) if (r.kind === 'Sync') names.add(r.name);
  }
  return [...names].sort();
}

/** `unknown_sync` naming the closest known sync. */
export function unknownSync(name: string, known: readonly string[], location: string): SyncctlError {
  return new SyncctlError('unknown_sync', `There is no sync named "${name}" in ${location}.`, {
    hint: known.length > 0 ? suggestionHint(name, known, 'syncs') : 'No sync has been applied yet: run `syncctl apply` first.',
    meta: { sync: name, known },
  });
}

async function syncStatus(name: string, sync: AppliedSync | undefined, query: RecordQuery, defs: LoadedDefinitions | null): Promise<SyncStatus> {
  const definition = sync?.definition;
  const objects: ObjectStatus[] = [];
  for (const o of definition?.objects ?? []) {
    const health = await query.objectHealth(name, o.hub);
    objects.push(objectStatus(health, o.app, o.direction));
  }
  const associations: AssociationStatus[] = [];
  for (const a of definition?.associations ?? []) associations.push(await associationStatus(name, a, objects, query));
  return {
    name,
    hub: definition?.hub ?? fileSync(defs, name)?.hub ?? null,
    app: definition?.app ?? fileSync(defs, name)?.app ?? null,
    lifecycle: sync?.lifecycle ?? null,
    detail: sync?.detail ?? null,
    restart: sync?.restart ?? null,
    enabled: definition?.enabled ?? null,
    appliedAt: sync?.appliedAt ?? null,
    generation: sync?.generation ?? null,
    config: defs ? configStatus(name, sync, defs.load) : null,
    objects,
    associations,
  };
}

async function associationStatus(sync: string, a: { from: string; to: string }, objects: readonly ObjectStatus[], query: RecordQuery): Promise<AssociationStatus> {
  const h = await query.associationHealth(sync, associationName(a));
  // Reconciled for the objects' current initial syncs: a restarted one reconciles again.
  const run = (object: string) => objects.find((o) => o.object === object)?.lastRun;
  const from = run(a.from);
  const to = run(a.to);
  const current = from?.completed && to?.completed ? `${from.run}:${to.run}` : null;
  return {
    association: h.association,
    from: a.from,
    to: a.to,
    primaryOnly: isPrimaryOnly(a.from, a.to),
    synced: h.synced,
    inQueue: h.waiting,
    failing: h.failing,
    failingByCategory: h.failingByCategory,
    reconciled: h.reconciliation !== null && h.reconciliation.done && h.reconciliation.runs === current,
  };
}

function fileSync(defs: LoadedDefinitions | null, name: string) {
  return defs?.load.desired.syncs[name];
}

function objectStatus(h: ObjectHealth, appObject: string, direction: ObjectStatus['direction']): ObjectStatus {
  const hub = sideStatus(h.sides.hub);
  const app = sideStatus(h.sides.app);
  return { object: h.object, appObject, direction, hub, app, lastChangeSeen: later(hub.lastChangeSeen, app.lastChangeSeen), lastRun: runStatus(h.lastRun) };
}

function sideStatus(s: SideHealth): SideStatus {
  const c = s.counts;
  return {
    inSync: c['in-sync'],
    failing: c.failing,
    excluded: c.excluded,
    inQueue: c['in-queue'],
    pending: c.pending,
    skipped: c.skipped,
    total: Object.values(c).reduce((a, b) => a + b, 0),
    failingByCategory: s.failing,
    excludedByReason: s.excluded,
    lastChangeSeen: s.lastChangeSeen,
  };
}

const STEP: Record<RunInfo['phase'], number> = { 'index-hub': 1, 'sync-app': 2, 'sync-hub': 3, done: 3 };

function runStatus(r: RunInfo | null): RunStatus | null {
  if (!r) return null;
  const counts = countsFrom(r.counts);
  return {
    run: r.run,
    phase: r.phase,
    step: STEP[r.phase],
    completed: r.phase === 'done',
    startedAt: r.startedAt,
    updatedAt: r.updatedAt,
    scanned: { hub: counts.scanned.hub, app: counts.scanned.app },
  };
}

function later(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a > b ? a : b;
}

function configStatus(name: string, sync: AppliedSync | undefined, load: LoadResult): ConfigStatus {
  const rejected = load.rejected.find((r) => r.kind === 'Sync' && r.name === name);
  if (rejected) return { state: 'rejected', problems: problemsOf(name, rejected.file, sync, load).map(problemRef) };
  if (load.desired.syncs[name]) return { state: 'ok', problems: [] };
  return { state: 'absent', problems: [] };
}

// The sync's own errors; else those of the connections it uses (a sync on a broken connection
// is rejected too); else whatever else is wrong in its file.
function problemsOf(name: string, file: string, sync: AppliedSync | undefined, load: LoadResult): Problem[] {
  const errors = load.problems.filter((p) => p.severity === 'error');
  const own = errors.filter((p) => p.resource?.kind === 'Sync' && p.resource.name === name);
  if (own.length > 0) return own;
  const rejectedConnections = new Set(load.rejected.filter((r) => r.kind === 'Connection').map((r) => r.name));
  const connections = errors.filter((p) => p.resource?.kind === 'Connection' && rejectedConnections.has(p.resource.name));
  const used = new Set([sync?.definition.hub, sync?.definition.app].filter((c): c is string => c !== undefined));
  const usedProblems = connections.filter((p) => used.size === 0 || (p.resource !== undefined && used.has(p.resource.name)));
  if (usedProblems.length > 0) return usedProblems;
  return errors.filter((p) => p.file === file);
}

// Errors that belong to no resource (a file that is not YAML at all, an unreadable directory):
// the sync they would have defined cannot be named, so they are reported on their own.
function unattributedProblems(load: LoadResult): ConfigProblemRef[] {
  return load.problems.filter((p) => p.severity === 'error' && p.resource === undefined).map(problemRef);
}

function problemRef(p: Problem): ConfigProblemRef {
  return { code: p.code, message: p.message, file: p.file ?? null, line: p.line ?? null, column: p.column ?? null, location: formatLocation(p) };
}
