// "Invalid files never stop the runner": the desired state the runner reconciles is what the
// files say, except that a definition that is rejected now (or sits in a file that cannot be
// read at all) keeps its last good definition — the one applied and running. Pure.
import path from 'node:path';
import type { Connection, DesiredState, LoadResult, Problem, Sync } from '../config/index.js';
import type { AppliedState } from '../store/types.js';

type Kind = 'Connection' | 'Sync';

/** Which resources each definition file (absolute path) held the last time it could be read. */
export type FileMemory = Map<string, { connections: Set<string>; syncs: Set<string> }>;

/** A resource running on its last good definition, and why. */
export interface KeptResource {
  kind: Kind;
  name: string;
  why: 'rejected' | 'file-unreadable' | 'used-by-kept-sync';
  file?: string;
}

export interface Merged {
  /**
   * Nothing in the directory is usable (it is missing, empty, or unreadable): every sync keeps
   * running as it is and nothing is planned.
   */
  total: boolean;
  desired: DesiredState;
  kept: KeptResource[];
  /** Files with errors that belong to no resource: unreadable, or not YAML at all. */
  brokenFiles: string[];
}

const DIRECTORY_PROBLEMS = new Set(['definitions_dir_unreadable', 'no_definitions']);

/** The desired state to reconcile: the files' valid definitions plus last good ones for the rest. */
export function mergeLastGood(load: LoadResult, applied: AppliedState, memory: FileMemory, resolve: (file: string) => string = (file) => path.resolve(file)): Merged {
  const errors = load.problems.filter((p) => p.severity === 'error');
  if (errors.some((p) => p.file === undefined || DIRECTORY_PROBLEMS.has(p.code))) {
    return { total: true, desired: load.desired, kept: [], brokenFiles: [] };
  }
  const connections: Record<string, Connection> = { ...load.desired.connections };
  const syncs: Record<string, Sync> = { ...load.desired.syncs };
  const kept: KeptResource[] = [];

  const keep = (kind: Kind, name: string, why: KeptResource['why'], file?: string): void => {
    if (kind === 'Sync') {
      const a = applied.syncs[name];
      // An orphaned sync that comes back broken stays orphaned: it has no good definition to run.
      if (!a || a.lifecycle === 'orphaned' || syncs[name]) return;
      syncs[name] = a.definition;
    } else {
      const a = applied.connections[name];
      if (!a || connections[name]) return;
      connections[name] = a.definition;
    }
    kept.push(file === undefined ? { kind, name, why } : { kind, name, why, file });
  };

  for (const r of load.rejected) keep(r.kind, r.name, 'rejected', r.file);

  const brokenFiles = unique(errors.filter((p): p is Problem & { file: string } => p.resource === undefined && p.file !== undefined).map((p) => p.file));
  for (const file of brokenFiles) {
    const abs = resolve(file);
    const remembered = memory.get(abs);
    const fromState = (def: { source?: { file: string } }): boolean => def.source !== undefined && resolve(def.source.file) === abs;
    const connectionNames = new Set([...(remembered?.connections ?? []), ...Object.values(applied.connections).filter((c) => fromState(c.definition)).map((c) => c.name)]);
    const syncNames = new Set([...(remembered?.syncs ?? []), ...Object.values(applied.syncs).filter((s) => fromState(s.definition)).map((s) => s.name)]);
    for (const name of connectionNames) keep('Connection', name, 'file-unreadable', file);
    for (const name of syncNames) keep('Sync', name, 'file-unreadable', file);
  }

  // A kept sync runs on its connections: keep theirs too when the files no longer have them.
  for (const k of [...kept]) {
    if (k.kind !== 'Sync') continue;
    const sync = syncs[k.name];
    if (!sync) continue;
    for (const c of new Set([sync.hub, sync.app])) keep('Connection', c, 'used-by-kept-sync');
  }

  return { total: false, desired: { connections: sorted(connections), syncs: sorted(syncs) }, kept, brokenFiles };
}

/** Records which resources each readable file holds now; files that could not be read keep what they had. */
export function rememberFiles(memory: FileMemory, load: LoadResult, brokenFiles: readonly string[], resolve: (file: string) => string = (file) => path.resolve(file)): void {
  const broken = new Set(brokenFiles.map((f) => resolve(f)));
  const present = new Set(load.files.map((f) => resolve(f)));
  for (const file of [...memory.keys()]) if (!present.has(file)) memory.delete(file);
  for (const file of present) {
    if (broken.has(file)) continue;
    memory.set(file, { connections: new Set(), syncs: new Set() });
  }
  const add = (kind: Kind, name: string, file: string | undefined): void => {
    if (file === undefined) return;
    const entry = memory.get(resolve(file));
    if (!entry || broken.has(resolve(file))) return;
    (kind === 'Sync' ? entry.syncs : entry.connections).add(name);
  };
  for (const c of Object.values(load.desired.connections)) add('Connection', c.name, c.source?.file);
  for (const s of Object.values(load.desired.syncs)) add('Sync', s.name, s.source?.file);
  for (const r of load.rejected) add(r.kind, r.name, r.file);
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

function sorted<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.keys(record).sort().map((k) => [k, record[k] as T]));
}
