// One batch of changed records from one side: drop what the index already holds (same content
// hash: overlap re-reads and the engine's own echoes), lease what is left and its partners,
// read the partners fresh, decide (three-way merge for linked pairs, the initial sync's rules
// for the rest) and hand the plan to apply.ts. A few batched index lookups per batch, never
// one per record, and no read of anything but the batch and its partners.
import type { RemoteRecord } from '../../connectors/types.js';
import type { Holder, Identifier, IndexRow, ScannedRecord, Side } from '../record-index.js';
import { identifierKey } from '../record-index.js';
import { scanRecord } from '../records.js';
import { type Plan, applyPlan, emptyPlan } from './apply.js';
import { type ObjectRun, objectOn, other } from './context.js';
import { decideNew, matchCandidates } from './decide-new.js';
import { type Fingerprint, type LeaseTarget, leaseKey } from './incremental-index.js';
import { withRetry } from './retry.js';
import { freshRow, staleIdentifiers, statusRow } from './rows.js';
import { mergeThreeWay } from './three-way.js';

export interface BatchInput {
  side: Side;
  records: readonly RemoteRecord[];
  /** Ids asked for that the app did not return (push and retry paths): gone from the app. */
  missing?: readonly string[];
  /** Process even records the index already holds as they are (retries). */
  force: boolean;
  /**
   * Hold creates back (rows in queue, identifiers indexed) until the other side's feed has been
   * read, so a record new on both sides is matched, not created twice. See flushDeferred.
   */
  deferCreates?: boolean;
}

const QUEUED_MESSAGE = 'another sync is working on this record; it is retried once that sync is done with it.';
const DEFERRED_MESSAGE = 'new record: created once the other app\'s changes have been read (it may match one of them).';

function distinct(ids: readonly Identifier[]): Identifier[] {
  return [...new Map(ids.map((i) => [identifierKey(i), i])).values()];
}

/** True when the record differs from what the index holds (or last failed with). */
function changed(rec: ScannedRecord, known: Fingerprint | undefined): boolean {
  if (!known || known.status === 'in-queue' || known.status === 'pending') return true;
  if (known.status === 'failing' && known.failedHash === rec.hash) return false;
  return known.hash !== rec.hash || known.filterOk !== rec.filterOk || known.emailOk !== rec.emailOk;
}

/** Reads records of `side` by id with retries; the result is keyed by id. */
export async function readSide(run: ObjectRun, side: Side, ids: readonly string[]): Promise<Map<string, RemoteRecord>> {
  if (ids.length === 0) return new Map();
  const read = await withRetry(() => run.connectors[side].read(objectOn(run, side), ids, run.ro.properties[side]), run.retry, (err, attempt, delayMs) =>
    run.logger.debug({ side, attempt, delayMs: Math.round(delayMs), err: err instanceof Error ? err.message : String(err) }, 'transient read failure; retrying'),
  );
  return new Map(read.map((r) => [r.id, r]));
}

/** Processes one batch of records read from `input.side`. */
export async function processBatch(run: ObjectRun, input: BatchInput): Promise<void> {
  const { ro, key, index, inc } = run;
  const side = input.side;
  const o = other(side);
  const byId = new Map<string, ScannedRecord>();
  for (const r of input.records) byId.set(r.id, scanRecord(ro, side, r));
  const scanned = [...byId.values()];
  const missing = [...new Set(input.missing ?? [])].filter((id) => !byId.has(id));
  const known = input.force ? undefined : await inc.fingerprints(key, side, [...byId.keys()]);
  const work = known ? scanned.filter((r) => changed(r, known.get(r.id))) : scanned;
  run.report.seen[side] += work.length;
  if (work.length === 0 && missing.length === 0) return;
  const rows = await index.rowsById(key, side, [...work.map((r) => r.id), ...missing]);
  for (const id of missing) {
    const row = rows.get(id);
    if (row?.partnerId) run.vanished.push({ side, row, id, survivor: { row: undefined, id: row.partnerId } });
  }
  if (work.length === 0) return;
  run.logger.debug({ side, read: scanned.length, changed: work.length }, 'incremental batch');
  // Noted before anything is written: a pass that stops mid-way leaves them to the next one.
  await run.onChanged?.(side, work.map((r) => r.id));

  const partnerOf = (r: ScannedRecord): string | null => rows.get(r.id)?.partnerId ?? null;
  const linked = work.filter((r) => partnerOf(r) !== null);
  const fresh = work.filter((r) => partnerOf(r) === null);
  const idents = distinct(fresh.flatMap((r) => r.identifiers));
  const none = new Map<string, Holder>();
  const [sameSide, otherSide] = idents.length > 0 ? await Promise.all([index.firstHolders(key, side, idents), index.firstHolders(key, o, idents)]) : [none, none];
  const partnerIds = linked.map((r) => partnerOf(r) as string);
  const otherRows = await index.rowsById(key, o, [...new Set([...partnerIds, ...[...otherSide.values()].map((h) => h.id)])]);
  const candidates = matchCandidates(otherSide, otherRows);

  const target = (s: Side, id: string): LeaseTarget => ({ connection: run.connections[s], object: objectOn(run, s), id });
  const wanted = new Map<string, LeaseTarget>();
  for (const t of [...work.map((r) => target(side, r.id)), ...partnerIds.map((id) => target(o, id)), ...candidates.map((id) => target(o, id))]) wanted.set(leaseKey(t), t);
  const denied = new Set((await inc.acquireLeases(key.sync, run.holder, [...wanted.values()], run.tuning.leaseTtlMs)).map(leaseKey));
  const held = [...wanted.entries()].filter(([k]) => !denied.has(k)).map(([, t]) => t);
  try {
    const isDenied = (s: Side, id: string): boolean => denied.has(leaseKey(target(s, id)));
    const blockedBy = (r: ScannedRecord): boolean => {
      if (isDenied(side, r.id)) return true;
      const p = partnerOf(r);
      if (p !== null) return isDenied(o, p);
      return r.identifiers.some((i) => {
        const h = otherSide.get(identifierKey(i));
        return h !== undefined && isDenied(o, h.id);
      });
    };
    const queued = new Set(work.filter(blockedBy).map((r) => r.id));
    const go = (r: ScannedRecord): boolean => !queued.has(r.id);
    const toRead = [...new Set([...linked.filter(go).map((r) => partnerOf(r) as string), ...candidates.filter((id) => !isDenied(o, id))])];
    const otherCurrent = new Map([...(await readSide(run, o, toRead)).values()].map((r) => [r.id, scanRecord(ro, o, r)]));

    const plan = emptyPlan(side);
    for (const r of work.filter((x) => queued.has(x.id))) {
      const row = rows.get(r.id);
      plan.rows.push(row ? statusRow(row, 'in-queue', { message: QUEUED_MESSAGE }) : freshRow(side, r, undefined, 'in-queue', null, { message: QUEUED_MESSAGE }));
      run.queued[side].add(r.id);
      plan.failing += 1;
    }
    for (const r of linked.filter(go)) decideLinked(run, plan, r, rows.get(r.id) as IndexRow, otherRows, otherCurrent);
    const outcomes = decideNew(ro, side, fresh.filter(go), { existing: rows, sameSide, otherSide, otherRows, otherCurrent }, run.claimed[o]);
    for (const out of outcomes) {
      const row = rows.get(out.rec.id);
      if (row?.status === 'failing') plan.failedHashes[side].push({ id: out.rec.id, hash: null });
      // Pairs and creates may rewrite the record's identifiers: apply.ts drops theirs once written.
      if (row && out.kind !== 'match' && out.kind !== 'create') plan.stale[side].push({ seq: row.seq, identifiers: staleIdentifiers(row, out.rec) });
      switch (out.kind) {
        case 'excluded':
          plan.rows.push(freshRow(side, out.rec, row, 'excluded', null, { reason: out.reason, duplicateOf: out.duplicateOf ?? null, message: out.message ?? null }));
          break;
        case 'skipped':
          plan.rows.push(freshRow(side, out.rec, row, 'skipped', null));
          break;
        case 'failing':
          plan.rows.push(freshRow(side, out.rec, row, 'failing', null, { category: out.category, message: out.message }));
          plan.failing += 1;
          break;
        case 'match': {
          const recs = side === 'hub' ? { hub: out.rec, app: out.partner } : { hub: out.partner, app: out.rec };
          const pairRows = side === 'hub' ? { hub: row, app: out.partnerRow } : { hub: out.partnerRow, app: row };
          plan.pairs.push({ recs, rows: pairRows, patch: out.merge.patch, after: out.merge.after, isNew: true });
          break;
        }
        case 'create': {
          const raw = input.deferCreates ? input.records.find((r) => r.id === out.rec.id) : undefined;
          if (raw) {
            plan.rows.push(freshRow(side, out.rec, row, 'in-queue', null, { message: DEFERRED_MESSAGE }));
            run.deferred[side].push(raw);
          } else {
            plan.creates.push({ rec: out.rec, row, build: out.build });
          }
          break;
        }
      }
    }
    await applyPlan(run, plan);
  } finally {
    await inc.releaseLeases(run.holder, held);
  }
}

/** A linked record: three-way merge with its partner, or a vanished partner. */
function decideLinked(run: ObjectRun, plan: Plan, rec: ScannedRecord, row: IndexRow, otherRows: ReadonlyMap<string, IndexRow>, otherCurrent: ReadonlyMap<string, ScannedRecord>): void {
  const side = plan.side;
  const o = other(side);
  const pid = row.partnerId as string;
  const prow = otherRows.get(pid);
  const partner = otherCurrent.get(pid);
  if (!prow || !partner) {
    run.vanished.push({ side: o, row: prow, id: pid, survivor: { row, id: rec.id, rec } });
    return;
  }
  const recs = side === 'hub' ? { hub: rec, app: partner } : { hub: partner, app: rec };
  const rowsOf = side === 'hub' ? { hub: row, app: prow } : { hub: prow, app: row };
  const merged = mergeThreeWay(run.ro, { hub: recs.hub.values, app: recs.app.values }, { hub: rowsOf.hub.values, app: rowsOf.app.values });
  if (merged.ok) {
    plan.pairs.push({ recs, rows: rowsOf, patch: merged.patch, after: merged.after, isNew: false });
    return;
  }
  // Nothing was written: both rows keep their copies as the base, so the next try sees the same changes.
  for (const s of ['hub', 'app'] as const) {
    plan.rows.push(statusRow(rowsOf[s], 'failing', { category: merged.category, message: merged.message }));
    plan.failedHashes[s].push({ id: recs[s].id, hash: recs[s].hash });
  }
  plan.failing += 1;
}
