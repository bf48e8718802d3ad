import type { Entry } from '../documents.js';
import { positionOf } from '../positions.js';
import type { Problem } from '../problem.js';
import type { ConnectionDocument, SyncDocument } from '../types.generated.js';

/** What a rule says about one node of one document. */
export interface Finding {
  code: string;
  message: string;
  hint?: string;
  severity?: 'error' | 'warning';
  /** Underline the key rather than its value. */
  atKey?: boolean;
}

/** A schema-valid document of a known kind, with its typed value. */
export interface ValidConnection {
  entry: Entry;
  name: string;
  doc: ConnectionDocument;
}
export interface ValidSync {
  entry: Entry;
  name: string;
  doc: SyncDocument;
}

/** Everything a meaning-level rule needs: the documents and a way to report findings. */
export interface RuleContext {
  /** Every document of a known kind, valid or not (duplicate names count even on broken documents). */
  entries: readonly Entry[];
  connections: readonly ValidConnection[];
  syncs: readonly ValidSync[];
  phase: 'validate' | 'plan' | 'apply' | 'run';
  strict: boolean;
  env: Record<string, string | undefined>;
  report(entry: Entry, pointer: string, finding: Finding): void;
}

/** Builds a context whose findings land in `problems`, counting errors per document in `errorsByEntry`. */
export function createRuleContext(
  base: Omit<RuleContext, 'report' | 'connections' | 'syncs'>,
  problems: Problem[],
  errorsByEntry: Map<Entry, number>,
): RuleContext {
  const connections: ValidConnection[] = [];
  const syncs: ValidSync[] = [];
  for (const entry of base.entries) {
    if (!entry.valid || entry.name === undefined) continue;
    if (entry.kind === 'Connection') connections.push({ entry, name: entry.name, doc: entry.pd.value as ConnectionDocument });
    if (entry.kind === 'Sync') syncs.push({ entry, name: entry.name, doc: entry.pd.value as SyncDocument });
  }
  return {
    ...base,
    connections,
    syncs,
    report(entry, pointer, f) {
      const severity = f.severity ?? 'error';
      if (severity === 'error') errorsByEntry.set(entry, (errorsByEntry.get(entry) ?? 0) + 1);
      problems.push({
        severity,
        code: f.code,
        message: f.message,
        ...(f.hint ? { hint: f.hint } : {}),
        file: entry.pd.file,
        ...positionOf(entry.pd, pointer, f.atKey ?? false),
        path: pointer,
        ...(entry.kind && entry.name !== undefined ? { resource: { kind: entry.kind, name: entry.name } } : {}),
      });
    },
  };
}

/** `file:line:col` of a document's node, to name the other side of a conflict. */
export function where(entry: Entry, pointer: string): string {
  const pos = positionOf(entry.pd, pointer);
  return `${entry.pd.file}:${pos.line}:${pos.column}`;
}

/** "a, b, c and 7 more": a conflict among thousands of copies must not print (or compute) them all. */
export function listSome<T>(items: readonly T[], describe: (item: T) => string, max = 3): string {
  const shown = items.slice(0, max).map(describe).join(', ');
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}
