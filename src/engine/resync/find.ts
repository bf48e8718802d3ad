// Which linked records were deleted on one side: the survivor's index row is failing with
// category deleted_in_<side> and still names its vanished partner. Read straight from the
// record index tables (migration 002), since the RecordIndex interface has no query by category.
import type { Sync } from '../../config/model.js';
import { SyncctlError } from '../../errors/syncctl-error.js';
import type { Database } from '../../store/sqlite/driver.js';
import { otherSide } from '../mappings.js';
import type { RecordIndex, Side } from '../record-index.js';

/** One pair to restore: the record deleted on `side`, and its partner that survived on the other side. */
export interface DeletedPair {
  /** The object's key: its hub object name. */
  object: string;
  /** The side the record was deleted in (and will be recreated in). */
  side: Side;
  survivorId: string;
  /** The survivor's normalised identifiers, for the review list. */
  identifiers: readonly string[];
  deletedId: string;
}

/** The other side. */
export { otherSide } from '../mappings.js';

/** The hub names of the objects named by `names` (hub or app object names); all when absent. */
export function selectResyncObjects(sync: Sync, names: readonly string[] | undefined): string[] {
  if (!names || names.length === 0) return sync.objects.map((o) => o.hub);
  return names.map((name) => {
    const found = sync.objects.find((o) => o.hub === name || o.app === name);
    if (!found) {
      const known = sync.objects.map((o) => `${o.hub} (app: ${o.app})`).join(', ');
      throw new SyncctlError('unknown_object', `Sync ${sync.name} has no object "${name}".`, {
        hint: `Name a hub or app object of the sync: ${known}.`,
        meta: { sync: sync.name, object: name },
      });
    }
    return found.hub;
  });
}

const SURVIVORS = `
  SELECT r.record_id AS id FROM record_index AS r JOIN record_scopes AS s ON s.scope = r.scope
  WHERE s.sync_name = ? AND s.object = ? AND s.side = ? AND r.status = 'failing' AND r.category = ? AND r.partner_id IS NOT NULL
  ORDER BY r.seq`;

/** Lists the pairs of `objects` (hub names) whose record was deleted in `side`, in first-seen order. */
export async function findDeleted(db: Database, index: RecordIndex, sync: Sync, side: Side, objects: readonly string[]): Promise<DeletedPair[]> {
  const survivorSide = otherSide(side);
  const category = side === 'hub' ? 'deleted_in_hub' : 'deleted_in_app';
  const statement = db.prepare<unknown[], { id: string }>(SURVIVORS);
  const pairs: DeletedPair[] = [];
  for (const object of objects) {
    const ids = statement.all(sync.name, object, survivorSide, category).map((r) => r.id);
    if (ids.length === 0) continue;
    const rows = await index.rowsById({ sync: sync.name, object }, survivorSide, ids);
    for (const id of ids) {
      const row = rows.get(id);
      if (!row?.partnerId) continue;
      pairs.push({ object, side, survivorId: id, identifiers: row.identifiers.map((i) => i.value), deletedId: row.partnerId });
    }
  }
  return pairs;
}

/** Forgets the index rows of records that no longer exist (and their identifiers). */
export function forgetRows(db: Database, sync: string, object: string, side: Side, rows: readonly { seq: number; identifiers: readonly { prop: number; value: string }[] }[]): void {
  const scope = db.prepare<unknown[], { scope: number }>('SELECT scope FROM record_scopes WHERE sync_name = ? AND object = ? AND side = ?').get(sync, object, side)?.scope;
  if (scope === undefined || rows.length === 0) return;
  const dropRow = db.prepare('DELETE FROM record_index WHERE seq = ? AND scope = ?');
  const dropIdent = db.prepare('DELETE FROM record_identifiers WHERE scope = ? AND prop = ? AND value = ? AND seq = ?');
  db.transaction(() => {
    for (const r of rows) {
      dropRow.run(r.seq, scope);
      for (const i of r.identifiers) dropIdent.run(scope, i.prop, i.value, r.seq);
    }
  })();
}
