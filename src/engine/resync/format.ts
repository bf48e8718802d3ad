// The review list and the outcome of resync-deleted, as plain text for a terminal or a log.
import { renderTable } from '../../health/text-table.js';
import type { Side } from '../record-index.js';
import type { DeletedPair } from './find.js';
import { otherSide } from './find.js';
import type { ResyncReport } from './recreate.js';

/** The review step: one row per record that will be recreated. */
export function formatDeletedTable(pairs: readonly DeletedPair[], side: Side): string {
  const survivor = otherSide(side);
  if (pairs.length === 0) return `Nothing to recreate: no linked record is marked deleted in the ${side}.`;
  const header = ['OBJECT', `${survivor.toUpperCase()} ID (KEPT)`, 'IDENTIFIERS', `DELETED ${side.toUpperCase()} ID`];
  const body = pairs.map((p) => [p.object, p.survivorId, p.identifiers.join(', ') || '-', p.deletedId]);
  const lines = renderTable([header, ...body]);
  const n = pairs.length;
  return [`${n} record${n === 1 ? '' : 's'} deleted in the ${side} will be recreated there from ${n === 1 ? 'its' : 'their'} ${survivor} partner's current values:`, '', ...lines].join('\n');
}

/** The outcome: counts, failures by category, and what each failure said. */
export function formatResyncReport(report: ResyncReport, side: Side): string {
  const lines = [`Recreated ${report.recreated.length} record${report.recreated.length === 1 ? '' : 's'} in the ${side} and relinked ${report.recreated.length === 1 ? 'it' : 'them'} as in sync.`];
  if (report.failed.length > 0) {
    const byCategory = Object.entries(report.failedByCategory).map(([c, n]) => `${c}: ${n}`).join(', ');
    lines.push(`Failed: ${report.failed.length} (${byCategory}); they stay marked deleted_in_${side}:`);
    for (const f of report.failed) lines.push(`  ${f.object} ${otherSide(side)} ${f.survivorId}: ${f.category}: ${f.message}`);
  }
  for (const a of report.associations) {
    const added = a.added.hub + a.added.app;
    if (a.skipped) lines.push(`Associations ${a.association}: not restored now: ${a.skipped}.`);
    else if (a.error) lines.push(`Associations ${a.association}: failed: ${a.error}`);
    else if (a.checked > 0) {
      const where = [a.added.hub > 0 ? `${a.added.hub} in the hub` : '', a.added.app > 0 ? `${a.added.app} in the app` : ''].filter((t) => t !== '').join(', ');
      const rest = [a.waiting > 0 ? `${a.waiting} waiting for their other record` : '', a.failing > 0 ? `${a.failing} failing (retried by the next pass)` : ''].filter((t) => t !== '').join(', ');
      lines.push(`Associations ${a.association}: ${added === 0 ? 'nothing to restore' : `restored ${added} (${where})`}${rest ? `; ${rest}` : ''}.`);
    }
  }
  return lines.join('\n');
}
