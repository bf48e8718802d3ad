// Linked records that disappeared from their app. The partner is never deleted: the link is
// marked failing deleted_in_<side> (both rows), so "resync deleted records" can restore it.
// Mass-delete guard: when more than a set share of an object's linked records vanish in one
// pass, that looks like an accident (a dropped table, a wrong filter at the app), not intent;
// the object is paused instead, nothing is marked, and a person decides.
import type { FailureCategory } from '../../errors/categories.js';
import type { IndexRow, RowWrite, Side } from '../record-index.js';
import { type ObjectRun, type Vanished, other } from './context.js';
import { freshRow, statusRow } from './rows.js';

function categoryFor(side: Side): FailureCategory {
  return side === 'hub' ? 'deleted_in_hub' : 'deleted_in_app';
}

function alreadyMarked(v: Vanished): boolean {
  const category = categoryFor(v.side);
  return v.row?.category === category || v.survivor?.row?.category === category;
}

/** How to resume a paused object, for status and logs. */
export function pauseDetail(run: ObjectRun, side: Side, count: number, linked: number): string {
  const share = Math.round(run.tuning.massDeleteRatio * 100);
  return (
    `paused: ${count} of ${linked} linked ${run.ro.object} records vanished from the ${side} in one pass (more than ${share}%); nothing was marked deleted. ` +
    `Check the ${side} for a mass delete, then turn the sync off and on again (or change its definition) to restart the initial sync of ${run.ro.object}, which resumes it.`
  );
}

/** Marks what vanished during the pass, or pauses the object when it is too much at once. */
export async function settleVanished(run: ObjectRun): Promise<void> {
  const unique = new Map(run.vanished.map((v) => [`${v.side}\u0000${v.id}`, v]));
  run.vanished = [];
  const list = [...unique.values()];
  if (list.length === 0) return;

  // The push and retry paths know only the vanished record: look its partner's row up.
  for (const side of ['hub', 'app'] as const) {
    const need = list.filter((v) => v.side === side && v.survivor && !v.survivor.row).map((v) => v.survivor?.id ?? '');
    if (need.length === 0) continue;
    const found = await run.index.rowsById(run.key, other(side), need);
    for (const v of list) if (v.side === side && v.survivor && !v.survivor.row) v.survivor.row = found.get(v.survivor.id);
  }

  const fresh = list.filter((v) => !alreadyMarked(v));
  if (fresh.length >= run.tuning.massDeleteMin) {
    const linked = await run.inc.linkedCount(run.key, 'hub');
    if (fresh.length > run.tuning.massDeleteRatio * linked) {
      const side = fresh.filter((v) => v.side === 'hub').length >= fresh.length / 2 ? 'hub' : 'app';
      const detail = pauseDetail(run, side, fresh.length, linked);
      await run.inc.setPause(run.key, { run: run.cp.run, detail, pausedAt: new Date().toISOString() });
      run.report.paused = detail;
      run.report.failing += fresh.length;
      run.logger.error({ object: run.ro.object, side, vanished: fresh.length, linked }, 'mass delete guard: object paused');
      return;
    }
  }

  const rows: RowWrite[] = [];
  for (const v of list) {
    const category = categoryFor(v.side);
    const gone = other(v.side);
    if (v.row) rows.push(statusRow(v.row, 'failing', { category, message: `deleted in ${v.side}: the record no longer exists there; its ${gone} partner ${v.survivor?.id ?? '?'} is kept.` }));
    const s = v.survivor;
    const message = `its partner ${v.side} record ${v.id} no longer exists (deleted in ${v.side}).`;
    const survivorRow: IndexRow | undefined = s?.row;
    if (s?.rec) rows.push(freshRow(gone, s.rec, survivorRow, 'failing', v.id, { category, message }));
    else if (survivorRow) rows.push(statusRow(survivorRow, 'failing', { category, message }));
    if (!alreadyMarked(v)) run.report.failing += 1;
  }
  await run.index.commit(run.key, run.cp.run, { rows });
  if (fresh.length > 0) run.logger.info({ object: run.ro.object, count: fresh.length }, 'linked records deleted in one app; their links are marked failing');
}
