// The record-level dry run (`plan --data`) that a plan may carry per sync. Its shape belongs
// to the engine; the renderers only ask a formatter for text, so the engine can plug its own.
import type { Plan } from '../reconcile/types.js';

/** Turns one sync's dry-run data into text for a plan format. */
export interface DataFormatter {
  /** Lines for the terminal (no trailing newline). */
  text(sync: string, data: unknown): string;
  /** Markdown for a PR comment (no trailing newline). */
  markdown(sync: string, data: unknown): string;
}

/** Until the engine supplies a formatter: the data as indented JSON. */
export const jsonDataFormatter: DataFormatter = {
  text: (sync, data) => [`sync ${sync}:`, ...JSON.stringify(data, null, 2).split('\n').map((l) => `  ${l}`)].join('\n'),
  markdown: (sync, data) => {
    const json = JSON.stringify(data, null, 2);
    return [`<details><summary>sync <b>${sync}</b></summary>`, '', fence(json, 'json'), '', '</details>'].join('\n');
  },
};

/** The syncs that carry data, in name order. */
export function dataEntries(plan: Pick<Plan, 'data'>): [string, unknown][] {
  return Object.entries(plan.data ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** A fenced code block whose fence is longer than any backtick run inside it. */
export function fence(body: string, lang = ''): string {
  const longest = Math.max(2, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const marks = '`'.repeat(longest + 1);
  return `${marks}${lang}\n${body}\n${marks}`;
}
