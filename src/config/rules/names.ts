import type { Entry } from '../documents.js';
import { closest } from '../suggest.js';
import { listSome, where, type RuleContext } from './context.js';

/** Connection names and sync names are unique across all files; every copy is reported and left out. */
export function checkDuplicateNames(ctx: RuleContext): void {
  const groups = new Map<string, Entry[]>();
  for (const entry of ctx.entries) {
    if (!entry.kind || entry.name === undefined) continue;
    const key = `${entry.kind}\u0000${entry.name}`;
    const group = groups.get(key);
    if (group) group.push(entry);
    else groups.set(key, [entry]);
  }
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    for (const entry of group) {
      const also = listSome(group.filter((e) => e !== entry), (e) => where(e, '/name'));
      const noun = entry.kind === 'Connection' ? 'connection' : 'sync';
      ctx.report(entry, '/name', {
        code: entry.kind === 'Connection' ? 'duplicate_connection' : 'duplicate_sync',
        message: `${noun} \`${entry.name ?? ''}\` is defined more than once (also at ${also})`,
        hint: `Rename or remove one of them: ${noun} names are unique across all definition files.`,
      });
    }
  }
}

/** A sync's hub and app name defined connections, and two different ones. */
export function checkConnectionReferences(ctx: RuleContext): void {
  const defined = new Set<string>();
  for (const entry of ctx.entries) if (entry.kind === 'Connection' && entry.name !== undefined) defined.add(entry.name);
  const names = [...defined].sort();
  // A sync with a schema error elsewhere still gets its references checked: all problems at once.
  const partial = ctx.entries
    .filter((e) => e.kind === 'Sync' && !e.valid && e.pd.clean && e.pd.value !== null && typeof e.pd.value === 'object')
    .map((entry) => ({ entry, doc: entry.pd.value as Record<string, unknown> }))
    .filter((s): s is { entry: typeof s.entry; doc: { hub: string; app: string } } => typeof s.doc['hub'] === 'string' && typeof s.doc['app'] === 'string');
  for (const sync of [...ctx.syncs, ...partial]) {
    for (const side of ['hub', 'app'] as const) {
      const ref = sync.doc[side];
      if (defined.has(ref)) continue;
      const guess = closest(ref, names);
      ctx.report(sync.entry, `/${side}`, {
        code: 'unknown_connection',
        message: `${side} connection \`${ref}\` is not defined in any file`,
        hint: guess !== undefined ? `did you mean \`${guess}\`?` : names.length > 0 ? `Defined connections: ${names.map((n) => `\`${n}\``).join(', ')}. Fix the name or add a Connection named \`${ref}\`.` : `Add a Connection document named \`${ref}\`.`,
      });
    }
    if (sync.doc.hub === sync.doc.app) {
      ctx.report(sync.entry, '/app', {
        code: 'same_connection',
        message: `hub and app are both the connection \`${sync.doc.app}\``,
        hint: 'A sync runs between two different connections: name the other app here.',
      });
    }
  }
}
