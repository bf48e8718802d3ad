// Recreates records deleted on one side from their surviving partners' current values, and
// relinks each pair in the index as in sync, with the values just written as the new base.
// Batched per object; a record that fails is counted with its category and the rest go on.
// Then the associations of the recreated records are restored (src/engine/associations/restore.ts).
import type { Sync } from '../../config/model.js';
import type { Connector, CreateInput, RemoteRecord } from '../../connectors/types.js';
import type { FailureCategory } from '../../errors/categories.js';
import type { Logger } from '../../log/logger.js';
import { sqliteAssociationIndex } from '../../store/sqlite/association-index.js';
import type { Database } from '../../store/sqlite/driver.js';
import { restoreAssociations } from '../associations/restore.js';
import type { AssociationReport } from '../associations/types.js';
import { matchesFilters } from '../filters.js';
import type { ResolvedObject } from '../mappings.js';
import type { RecordIndex, RowWrite, ScannedRecord, Side } from '../record-index.js';
import { identify, scanRecord } from '../records.js';
import { freshRow } from '../incremental/rows.js';
import { canonicalValues, valuesHash } from '../values.js';
import { WRITE_BATCH } from '../writer.js';
import { buildCreate, categoryOf, messageOf } from './build.js';
import { type DeletedPair, forgetRows, otherSide } from './find.js';

export interface ResyncOptions {
  sync: Sync;
  /** The side records were deleted in and are recreated in. */
  side: Side;
  hub: Connector;
  app: Connector;
  index: RecordIndex;
  /** The state database the index lives in (to forget the deleted records' rows). */
  db: Database;
  /** Resolved objects of the sync (resolveObjects), by hub name. */
  objects: readonly ResolvedObject[];
  pairs: readonly DeletedPair[];
  logger: Logger;
  /** Records per read and create call (default WRITE_BATCH). */
  batchSize?: number;
}

/** One pair that could not be restored. */
export interface ResyncFailure {
  object: string;
  survivorId: string;
  category: FailureCategory;
  message: string;
}

/** What resync-deleted did. */
export interface ResyncReport {
  recreated: { object: string; survivorId: string; deletedId: string; newId: string }[];
  failed: ResyncFailure[];
  /** Failed pairs per category. */
  failedByCategory: Partial<Record<FailureCategory, number>>;
  /** Per association of the sync: what restoring the recreated records' associations wrote. */
  associations: AssociationReport[];
}

/** Recreates every pair in `pairs`; one failing record never stops the rest. */
export async function resyncDeleted(options: ResyncOptions): Promise<ResyncReport> {
  const report: ResyncReport = { recreated: [], failed: [], failedByCategory: {}, associations: [] };
  const size = Math.max(1, options.batchSize ?? WRITE_BATCH);
  for (const ro of options.objects) {
    const pairs = options.pairs.filter((p) => p.object === ro.object && p.side === options.side);
    for (let i = 0; i < pairs.length; i += size) await resyncBatch(options, ro, pairs.slice(i, i + size), report);
  }
  for (const f of report.failed) report.failedByCategory[f.category] = (report.failedByCategory[f.category] ?? 0) + 1;
  if (report.recreated.length > 0 && options.sync.associations.length > 0) {
    report.associations = await restoreAssociations({
      sync: options.sync,
      side: options.side,
      connectors: { hub: options.hub, app: options.app },
      index: sqliteAssociationIndex(options.db),
      recreated: report.recreated,
      logger: options.logger,
      pageSize: size,
    });
  }
  return report;
}

async function resyncBatch(o: ResyncOptions, ro: ResolvedObject, pairs: readonly DeletedPair[], report: ResyncReport): Promise<void> {
  const target = o.side;
  const source = otherSide(target);
  const fail = (p: DeletedPair, category: FailureCategory, message: string): void => {
    report.failed.push({ object: ro.object, survivorId: p.survivorId, category, message });
  };
  const objectOf = (side: Side): string => (side === 'hub' ? ro.hubObject : ro.appObject);

  let read: RemoteRecord[];
  try {
    read = await o[source].read(objectOf(source), pairs.map((p) => p.survivorId), ro.properties[source]);
  } catch (error) {
    for (const p of pairs) fail(p, categoryOf(error), `reading the ${source} record failed: ${messageOf(error)}`);
    return;
  }
  const current = new Map(read.map((r) => [r.id, r]));

  const inputs: CreateInput[] = [];
  const sent: { pair: DeletedPair; record: RemoteRecord }[] = [];
  for (const p of pairs) {
    const record = current.get(p.survivorId);
    if (!record) {
      fail(p, 'not_found', `the ${source} record ${p.survivorId} no longer exists either, so there is nothing to recreate from.`);
      continue;
    }
    const built = buildCreate(ro, target, record);
    if (!built.ok) {
      fail(p, built.category, built.message);
      continue;
    }
    inputs.push({ ref: p.survivorId, properties: built.properties });
    sent.push({ pair: p, record });
  }
  if (inputs.length === 0) return;

  let results;
  try {
    results = await o[target].create(objectOf(target), inputs);
  } catch (error) {
    for (const s of sent) fail(s.pair, categoryOf(error), `creating the ${target} record failed: ${messageOf(error)}`);
    return;
  }

  const key = { sync: o.sync.name, object: ro.object };
  const existing = await o.index.rowsById(key, source, sent.map((s) => s.pair.survivorId));
  const rows: RowWrite[] = [];
  const done: { pair: DeletedPair; newId: string }[] = [];
  sent.forEach((s, k) => {
    const result = results[k];
    if (!result?.ok) {
      fail(s.pair, result?.category ?? 'unknown', result?.message ?? `the ${target} app answered no result for this record.`);
      return;
    }
    const written = inputs[k]?.properties ?? {};
    rows.push(freshRow(source, scanRecord(ro, source, s.record), existing.get(s.pair.survivorId), 'in-sync', result.id, { synced: true }));
    rows.push(freshRow(target, createdRecord(ro, target, result.id, written, result.updatedAt), undefined, 'in-sync', s.pair.survivorId, { synced: true }));
    done.push({ pair: s.pair, newId: result.id });
  });
  if (done.length === 0) return;

  // The deleted records' own rows go first: their identifiers would otherwise shadow the new records'.
  const gone = await o.index.rowsById(key, target, done.map((d) => d.pair.deletedId));
  forgetRows(o.db, o.sync.name, ro.object, target, [...gone.values()]);
  const run = (await o.index.getCheckpoint(key))?.run ?? 0;
  await o.index.commit(key, run, { rows });
  for (const d of done) report.recreated.push({ object: ro.object, survivorId: d.pair.survivorId, deletedId: d.pair.deletedId, newId: d.newId });
  o.logger.info({ sync: o.sync.name, object: ro.object, side: target, recreated: done.length }, 'deleted records recreated and relinked');
}

/** The index's view of a record just created with `written`: those values are its base. */
function createdRecord(ro: ResolvedObject, side: Side, id: string, written: CreateInput['properties'], updatedAt: string | undefined): ScannedRecord {
  const values = canonicalValues(written, ro.mapped[side]);
  const { identifiers, emailOk } = identify(ro, side, written);
  return {
    id,
    identifiers,
    values,
    hash: valuesHash(values),
    filterOk: matchesFilters(written, ro.definition.filters[side]),
    emailOk,
    changedAt: updatedAt ?? null,
  };
}
