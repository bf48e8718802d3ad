// Edits made the way a user's app makes them: SQL updates on the app's own database file that
// change a mapped field and bump updated_at, and reads of the other app to see them arrive.
// Edited: the contact's last name (hub contacts.lastname <-> app customers.last_name), a mapped
// field that is not an identifier, so an edit never changes which records match.
import Database from 'better-sqlite3';

/** Where an edit of each side goes, and where its partner is read. */
export const EDIT_TARGETS = {
  hub: { connection: 'hub', table: 'contacts', column: 'lastname' },
  app: { connection: 'app', table: 'customers', column: 'last_name' },
};

const other = (side) => (side === 'hub' ? 'app' : 'hub');
// Hub ids are INTEGER keys; the index and the pairs hold them as text.
const bindId = (side, id) => (side === 'hub' ? Number(id) : id);

/** Opens both apps for editing and reading (`files`: { hub, app } paths). */
export function openApps(files) {
  const open = (file) => {
    const db = new Database(file);
    db.pragma('busy_timeout = 5000');
    return db;
  };
  const dbs = { hub: open(files.hub), app: open(files.app) };
  const statements = {};
  for (const side of ['hub', 'app']) {
    const t = EDIT_TARGETS[side];
    statements[side] = {
      update: dbs[side].prepare(`UPDATE ${t.table} SET ${t.column} = ?, updated_at = ? WHERE id = ?`),
      read: dbs[side].prepare(`SELECT ${t.column} AS v FROM ${t.table} WHERE id = ?`).pluck(),
    };
  }
  return {
    /**
     * Writes `edits` ([{ side, pair: [hubId, appId], value }]) per side in one transaction each,
     * each with updated_at = now; throws when a row is missing.
     */
    edit(edits) {
      for (const side of ['hub', 'app']) {
        const mine = edits.filter((e) => e.side === side);
        if (mine.length === 0) continue;
        dbs[side].transaction(() => {
          const now = new Date().toISOString();
          for (const e of mine) {
            const id = side === 'hub' ? e.pair[0] : e.pair[1];
            if (statements[side].update.run(e.value, now, bindId(side, id)).changes !== 1) throw new Error(`no ${EDIT_TARGETS[side].table} row with id ${id} to edit`);
          }
        })();
      }
    },
    /**
     * Bumps updated_at of one row of `table` on `side`, values unchanged: the object's change feed
     * moves on (its cursor passes this row) while the engine finds nothing to sync.
     */
    touch(side, table) {
      const db = dbs[side];
      const id = db.prepare(`SELECT id FROM ${table} ORDER BY id LIMIT 1`).pluck().get();
      if (id === undefined) throw new Error(`no ${table} row to touch`);
      db.prepare(`UPDATE ${table} SET updated_at = ? WHERE id = ?`).run(new Date().toISOString(), id);
    },
    /** The value the partner of an edit holds now (the other side's row). */
    partnerValue(e) {
      const side = other(e.side);
      const id = side === 'hub' ? e.pair[0] : e.pair[1];
      return statements[side].read.get(bindId(side, id));
    },
    /** Edits whose partner does not hold the edited value yet. */
    notArrived(edits) {
      return edits.filter((e) => this.partnerValue(e) !== e.value);
    },
    close() {
      dbs.hub.close();
      dbs.app.close();
    },
  };
}

/**
 * Hands out linked pairs, each at most once per case, and makes edits of them: `take(hub, app)`
 * returns `hub` edits of the hub side and `app` edits of the app side, on distinct pairs, each
 * with a value no record holds yet.
 */
export function editPlanner(pairs, tag) {
  let next = 0;
  let n = 0;
  return {
    take(hubCount, appCount) {
      if (next + hubCount + appCount > pairs.length) throw new Error(`the indexed state recorded ${pairs.length} linked pairs; this case needs more (${next + hubCount + appCount})`);
      const edits = [];
      for (let i = 0; i < hubCount + appCount; i++) {
        const side = i < hubCount ? 'hub' : 'app';
        edits.push({ side, pair: pairs[next++], value: `Bench-${tag}-${side}-${n++}` });
      }
      return edits;
    },
    get used() {
      return next;
    },
  };
}
