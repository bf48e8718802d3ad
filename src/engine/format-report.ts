// Initial-sync reports for people: a per-object table for the terminal, and Markdown for a PR
// comment (`plan --data`). Both show the same counts; samples only appear for dry runs.
import type { PropertyValue } from '../connectors/types.js';
import { fence } from '../plan/data-section.js';
import type { InitialSyncReport, ObjectCounts, ObjectReport, Sample } from './report.js';

const HEADERS = ['object', 'scanned hub/app', 'linked', 'created hub/app', 'updated hub/app', 'conflicts', 'excluded', 'failing', 'skipped'];

function sum(values: Iterable<number>): number {
  let n = 0;
  for (const v of values) n += v;
  return n;
}

function num(n: number): string {
  return n.toLocaleString('en-US');
}

function cells(o: ObjectReport, arrow = '<->'): string[] {
  const c = o.counts;
  return [
    `${o.hubObject} ${arrow} ${o.appObject}`,
    `${num(c.scanned.hub)} / ${num(c.scanned.app)}`,
    num(c.linked),
    `${num(c.created.hub)} / ${num(c.created.app)}`,
    `${num(c.updated.hub)} / ${num(c.updated.app)}`,
    num(c.conflicts),
    num(sum(Object.values(c.excluded))),
    num(sum(Object.values(c.failing).map((v) => v ?? 0))),
    num(c.skipped),
  ];
}

/** "duplicate 4, no_email 6" for the non-zero entries, or undefined when all are zero. */
function breakdown(entries: Record<string, number | undefined>): string | undefined {
  const parts = Object.entries(entries)
    .filter(([, n]) => (n ?? 0) > 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, n]) => `${k} ${num(n ?? 0)}`);
  return parts.length > 0 ? parts.join(', ') : undefined;
}

function details(c: ObjectCounts): string[] {
  const out: string[] = [];
  const excluded = breakdown(c.excluded);
  if (excluded) out.push(`excluded: ${excluded}`);
  const dups = breakdown({ hub: c.duplicates.hub, app: c.duplicates.app });
  if (dups) out.push(`duplicates: ${dups}`);
  const failing = breakdown(c.failing);
  if (failing) out.push(`failing: ${failing}`);
  return out;
}

function value(v: PropertyValue): string {
  if (v === null) return '(empty)';
  const text = JSON.stringify(v);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

function sampleLines(s: Sample): string[] {
  const head = [s.kind, s.record, s.partner ? `with ${s.partner}` : '', s.reason ?? '', s.message ?? ''].filter((x) => x !== '').join('  ');
  return [head, ...(s.changes ?? []).map((c) => `    ${c.field}: ${value(c.before)} -> ${value(c.after)}`)];
}

function title(r: InitialSyncReport): string {
  const kind = r.dryRun ? 'Initial sync dry run' : 'Initial sync';
  return `${kind} of ${r.sync} (${(r.durationMs / 1000).toFixed(1)} s)`;
}

function table(rows: string[][]): string[] {
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]): string => r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ').trimEnd();
  return [line(HEADERS), ...rows.map(line)];
}

/** The per-object result table of each report, for the terminal. */
export function formatReportText(reports: InitialSyncReport[]): string {
  const out: string[] = [];
  for (const r of reports) {
    out.push(title(r));
    if (r.objects.length === 0) {
      out.push('  (no objects)');
      continue;
    }
    out.push(...table(r.objects.map((o) => cells(o))).map((l) => `  ${l}`));
    for (const o of r.objects) {
      const extra = details(o.counts);
      if (o.skippedAsDone) extra.unshift('already completed with this definition: not run again');
      if (o.resumed) extra.unshift('resumed after an interruption');
      if (extra.length === 0 && o.samples.length === 0) continue;
      out.push(`  ${o.object}:`);
      out.push(...extra.map((l) => `    ${l}`));
      if (o.samples.length > 0) {
        out.push('    samples:');
        for (const s of o.samples) out.push(...sampleLines(s).map((l) => `      ${l}`));
      }
    }
  }
  return out.join('\n');
}

function mdEscape(text: string): string {
  return text.replace(/[|`*_<>[\]]/g, (c) => `\\${c}`);
}

/** One sync's report as Markdown: the table, the breakdowns and (dry runs) samples folded away. */
export function formatOneMarkdown(r: InitialSyncReport): string {
  const out: string[] = [`**${mdEscape(title(r))}**`, ''];
  out.push(`| ${HEADERS.join(' | ')} |`, `|${HEADERS.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`);
  for (const o of r.objects) out.push(`| ${cells(o, '↔').map(mdEscape).join(' | ')} |`);
  for (const o of r.objects) {
    const extra = details(o.counts);
    if (extra.length > 0) out.push('', `${mdEscape(o.object)}: ${extra.map(mdEscape).join('; ')}`);
    if (o.samples.length > 0) {
      // fence() picks a fence longer than any backtick run in the (user-supplied) values.
      out.push('', `<details><summary>sample records of ${mdEscape(o.object)}</summary>`, '', fence(o.samples.flatMap(sampleLines).join('\n')), '', '</details>');
    }
  }
  return out.join('\n');
}

/** Every report as Markdown, one section per sync. */
export function formatReportMarkdown(reports: InitialSyncReport[]): string {
  return reports.map(formatOneMarkdown).join('\n\n');
}
