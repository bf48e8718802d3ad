// `syncctl status` for a terminal: per sync a headline with its lifecycle, then an aligned table
// of per-object counts with the failing and excluded breakdowns and the latest run under it.
import type { Lifecycle } from '../store/types.js';
import type { AssociationStatus, ConfigProblemRef, ObjectStatus, SideStatus, StatusReport, SyncStatus } from './status-types.js';
import { formatCount, type Paint, painter, renderTable } from './text-table.js';

export interface StatusTextOptions {
  /** ANSI colour (only on a terminal). */
  color?: boolean;
}

/** The whole report as text for a terminal (ends with a newline). */
export function formatStatusText(report: StatusReport, options: StatusTextOptions = {}): string {
  const paint = painter(options.color ?? false);
  const now = Date.parse(report.generatedAt);
  const lines: string[] = [];
  for (const p of report.configProblems) lines.push(paint('red', `! ${problemLine(p)}`), '');
  if (report.syncs.length === 0) {
    lines.push(`No syncs in ${report.state} yet. Apply the definitions with \`syncctl apply\`.`);
  }
  for (const sync of report.syncs) lines.push(...syncLines(sync, paint, now), '');
  while (lines[lines.length - 1] === '') lines.pop();
  return `${lines.join('\n')}\n`;
}

function syncLines(s: SyncStatus, paint: Paint, now: number): string[] {
  const pair = s.hub !== null && s.app !== null ? `  ${s.hub} (hub) ↔ ${s.app} (app)` : '';
  const lines = [`${paint('bold', s.name)}  ${lifecycleLabel(s, paint)}${pair}`];
  if (s.appliedAt !== null) lines.push(paint('dim', `  applied ${s.appliedAt} (${ago(s.appliedAt, now)}), generation ${s.generation ?? '?'}`));
  if (s.config?.state === 'rejected') {
    const keeps = s.lifecycle === null ? 'it was never applied' : 'the last applied definition keeps running';
    lines.push(paint('red', `  definition rejected (${keeps}):`));
    for (const p of s.config.problems) lines.push(paint('red', `    ${problemLine(p)}`));
  } else if (s.config?.state === 'absent' && s.lifecycle !== null && s.lifecycle !== 'orphaned') {
    lines.push(paint('yellow', '  no definition file defines this sync any more: `syncctl apply` will turn it off (or delete it with --allow-delete)'));
  }
  if (s.lifecycle === null) {
    if (s.config?.state === 'ok') lines.push('  not applied yet: run `syncctl apply`');
    return lines;
  }
  if (s.objects.length === 0) return lines;
  lines.push('', ...objectTable(s.objects, paint, now));
  if (s.associations.length > 0) lines.push('', ...associationTable(s.associations, paint));
  return lines;
}

function associationTable(list: readonly AssociationStatus[], paint: Paint): string[] {
  const rows: string[][] = [['ASSOCIATION', 'SYNCED', 'IN QUEUE', 'FAILING'].map((h) => paint('dim', h))];
  const notes = new Map<number, string[]>();
  for (const a of list) {
    rows.push([`${a.from} → ${a.to}`, formatCount(a.synced), a.inQueue > 0 ? paint('yellow', formatCount(a.inQueue)) : '0', a.failing > 0 ? paint('red', formatCount(a.failing)) : '0']);
    const lines: string[] = [];
    const indent = '      ';
    if (a.primaryOnly) lines.push(`${indent}${paint('dim', 'primary only')} (of each record's ${a.to}, only its primary one syncs)`);
    const failing = Object.entries(a.failingByCategory).filter((e): e is [string, number] => (e[1] ?? 0) > 0);
    failing.sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
    if (failing.length > 0) lines.push(`${indent}${paint('red', 'failing')}   ${failing.map(([c, n]) => `${c} ${formatCount(n)}`).join(', ')}`);
    if (a.inQueue > 0) lines.push(`${indent}${paint('yellow', 'in queue')}  waiting for the associated record to be linked (association_target_not_synced)`);
    if (!a.reconciled) lines.push(`${indent}${paint('dim', 'not reconciled yet')} (the first pass after both objects' initial syncs reconciles every record)`);
    notes.set(rows.length - 1, lines);
  }
  const table = renderTable(rows, new Set([1, 2, 3]), '  ');
  return table.flatMap((line, i) => [line, ...(notes.get(i) ?? [])]);
}

function lifecycleLabel(s: SyncStatus, paint: Paint): string {
  if (s.lifecycle === null) return s.config?.state === 'rejected' ? paint('red', 'rejected config') : paint('yellow', 'not applied');
  const labels: Record<Lifecycle, [Parameters<Paint>[0], string]> = {
    'pending-initial-sync': ['yellow', `pending initial sync${Array.isArray(s.restart) ? ` (${s.restart.join(', ')})` : ''}`],
    'initial-sync': ['yellow', 'initial sync running'],
    incremental: s.detail ? ['red', `incremental, ${s.detail}`] : ['green', 'incremental'],
    off: ['dim', 'off'],
    orphaned: ['yellow', 'orphaned (its definition file was removed; off)'],
    failed: ['red', `failed${s.detail ? `: ${s.detail}` : ''}`],
  };
  const [style, text] = labels[s.lifecycle];
  const rejected = s.config?.state === 'rejected' ? `, ${paint('red', 'rejected config')}` : '';
  return paint(style, text) + rejected;
}

function objectTable(objects: readonly ObjectStatus[], paint: Paint, now: number): string[] {
  const rows: string[][] = [['OBJECT', 'SIDE', 'IN SYNC', 'FAILING', 'EXCLUDED', 'IN QUEUE', 'LAST CHANGE SEEN'].map((h) => paint('dim', h))];
  const notes = new Map<number, string[]>();
  for (const o of objects) {
    rows.push(sideRow(`${o.object} ↔ ${o.appObject}`, 'hub', o.hub, paint, now));
    rows.push(sideRow('', 'app', o.app, paint, now));
    notes.set(rows.length - 1, objectNotes(o, paint, now));
  }
  const table = renderTable(rows, new Set([2, 3, 4, 5]), '  ');
  return table.flatMap((line, i) => [line, ...(notes.get(i) ?? [])]);
}

function sideRow(label: string, side: string, s: SideStatus, paint: Paint, now: number): string[] {
  const n = (value: number, style?: Parameters<Paint>[0]) => (value > 0 && style ? paint(style, formatCount(value)) : formatCount(value));
  const seen = s.lastChangeSeen === null ? '-' : `${s.lastChangeSeen} (${ago(s.lastChangeSeen, now)})`;
  return [label, side, n(s.inSync), n(s.failing, 'red'), n(s.excluded, 'yellow'), n(s.inQueue), seen];
}

function objectNotes(o: ObjectStatus, paint: Paint, now: number): string[] {
  const indent = '      ';
  const lines: string[] = [];
  const failing = breakdown(o, (s) => s.failingByCategory);
  if (failing) lines.push(`${indent}${paint('red', 'failing')}   ${failing}`);
  const excluded = breakdown(o, (s) => s.excludedByReason);
  if (excluded) lines.push(`${indent}${paint('yellow', 'excluded')}  ${excluded}`);
  const other = [
    o.hub.pending + o.app.pending > 0 ? `pending ${formatCount(o.hub.pending + o.app.pending)} (not decided yet)` : '',
    o.hub.skipped + o.app.skipped > 0 ? `skipped ${formatCount(o.hub.skipped + o.app.skipped)} (the direction does not create them)` : '',
  ].filter((t) => t !== '');
  if (other.length > 0) lines.push(`${indent}${other.join(' · ')}`);
  lines.push(`${indent}${paint('dim', 'last run')}  ${runText(o, now)}`);
  return lines;
}

function breakdown(o: ObjectStatus, pick: (s: SideStatus) => Partial<Record<string, number>>): string {
  const parts: string[] = [];
  for (const side of ['hub', 'app'] as const) {
    const entries = Object.entries(pick(o[side])).filter((e): e is [string, number] => (e[1] ?? 0) > 0);
    if (entries.length === 0) continue;
    entries.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    parts.push(`${side}: ${entries.map(([k, n]) => `${k} ${formatCount(n)}`).join(', ')}`);
  }
  return parts.join(' · ');
}

function runText(o: ObjectStatus, now: number): string {
  const r = o.lastRun;
  if (!r) return 'none yet';
  const scanned = `scanned hub ${formatCount(r.scanned.hub)} · app ${formatCount(r.scanned.app)}`;
  if (r.completed) return `#${r.run} completed ${r.updatedAt} (${ago(r.updatedAt, now)}), ${scanned}`;
  return `#${r.run} at step ${r.step}/3 (${r.phase}), ${scanned}, last progress ${r.updatedAt} (${ago(r.updatedAt, now)})`;
}

function problemLine(p: ConfigProblemRef): string {
  return `${p.location ? `${p.location} ` : ''}${p.message} (${p.code})`;
}

/** "5 min ago" from an ISO time; times the app wrote in another format are left as they are. */
function ago(iso: string, now: number): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at) || Number.isNaN(now)) return 'time unknown';
  const s = Math.round((now - at) / 1000);
  if (s < 0) return 'in the future';
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86_400)} d ago`;
}
