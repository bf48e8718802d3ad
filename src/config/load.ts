import { checkDocument, type Entry } from './documents.js';
import { hashDesiredState } from './hash.js';
import type { LoadOptions, LoadResult, SourceFile } from './load-types.js';
import type { Connection, Sync } from './model.js';
import { normaliseConnection, normaliseSync } from './normalise.js';
import { parseSource } from './parse-yaml.js';
import type { Problem } from './problem.js';
import { checkAppObjectWriters } from './rules/app-objects.js';
import { createRuleContext, type RuleContext } from './rules/context.js';
import { checkEnvRefs } from './rules/env-refs.js';
import { checkConnectionReferences, checkDuplicateNames } from './rules/names.js';
import { checkSyncObjects } from './rules/objects.js';
import { deepFreeze } from './deep-freeze.js';

/** The meaning-level rules, in the order their problems are most useful. */
const RULES: readonly ((ctx: RuleContext) => void)[] = [checkDuplicateNames, checkConnectionReferences, checkSyncObjects, checkAppObjectWriters, checkEnvRefs];

/**
 * The config pipeline on files already read: YAML with positions → schema → meaning-level
 * rules → normalised, frozen desired state. Pure apart from reading process.env/cwd defaults.
 */
export function loadDefinitionsFromSources(sources: SourceFile[], options: LoadOptions & { baseDir?: string }): LoadResult {
  const cwd = options.baseDir ?? process.cwd();
  const ordered = [...sources].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const problems: Problem[] = [];
  const entries: Entry[] = [];
  const errorsByEntry = new Map<Entry, number>();

  for (const source of ordered) {
    try {
      const parsed = parseSource(source.file, source.content);
      const fileEntries = parsed.documents.map((pd) => {
        const { entry, problems: docProblems } = checkDocument(pd);
        problems.push(...docProblems);
        if (!pd.clean || docProblems.some((p) => p.severity === 'error')) errorsByEntry.set(entry, 1);
        return entry;
      });
      problems.push(...attachResources(parsed.problems, fileEntries));
      entries.push(...fileEntries);
    } catch (err) {
      // A bug here must not take the runner down: the file is reported and left out.
      problems.push(internalError(err, source.file));
    }
  }

  const ctx = createRuleContext({ entries, phase: options.phase, strict: options.strict ?? false, env: options.env ?? process.env }, problems, errorsByEntry);
  for (const rule of RULES) {
    try {
      rule(ctx);
    } catch (err) {
      problems.push(internalError(err));
    }
  }

  const connections: Record<string, Connection> = {};
  const syncs: Record<string, Sync> = {};
  const rejected: LoadResult['rejected'] = [];
  for (const c of ctx.connections) {
    if (!errorsByEntry.has(c.entry)) connections[c.name] = normaliseConnection(c.doc, c.entry.pd, cwd);
  }
  for (const s of ctx.syncs) {
    // A sync on a broken connection is left out too: the runner keeps its last good definition.
    const usable = !errorsByEntry.has(s.entry) && connections[s.doc.hub] !== undefined && connections[s.doc.app] !== undefined;
    if (usable) syncs[s.name] = normaliseSync(s.doc, s.entry.pd);
    else errorsByEntry.set(s.entry, errorsByEntry.get(s.entry) ?? 1);
  }
  for (const entry of entries) {
    if (entry.kind && entry.name !== undefined && errorsByEntry.has(entry)) rejected.push({ kind: entry.kind, name: entry.name, file: entry.pd.file });
  }

  const desired = deepFreeze({ connections: sortedRecord(connections), syncs: sortedRecord(syncs) });
  return {
    ok: !problems.some((p) => p.severity === 'error'),
    desired,
    problems: sortProblems(problems),
    files: ordered.map((s) => s.file),
    desiredHash: hashDesiredState(desired),
    rejected,
  };
}

/** YAML problems are found per file; give those inside a named document that document's resource. */
function attachResources(problems: Problem[], entries: Entry[]): Problem[] {
  if (problems.length === 0) return problems;
  // Documents follow each other in the file: find the last one starting at or before the line.
  const starts = entries.map((e) => e.pd.lines.linePos(e.pd.doc.range[0]).line);
  return problems.map((p) => {
    if (p.resource || p.line === undefined) return p;
    let lo = 0;
    let hi = starts.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((starts[mid] ?? Infinity) <= p.line) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    const owner = entries[found];
    return owner?.kind && owner.name !== undefined ? { ...p, resource: { kind: owner.kind, name: owner.name } } : p;
  });
}

function internalError(err: unknown, file?: string): Problem {
  const message = err instanceof Error ? err.message : String(err);
  return {
    severity: 'error',
    code: 'internal_error',
    message: `syncctl failed while checking the definitions: ${message}`,
    hint: 'This is a bug in syncctl: please report it, with the definition file if you can share it.',
    ...(file !== undefined ? { file, line: 1, column: 1 } : {}),
    cause: { message },
  };
}

/** Problems in file, line, column order; problems without a file (about the whole directory) first. */
export function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort((a, b) => {
    const fa = a.file ?? '';
    const fb = b.file ?? '';
    if (fa !== fb) return fa < fb ? -1 : 1;
    return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
  });
}

function sortedRecord<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.keys(record).sort().map((k) => [k, record[k] as T]));
}
