// The SQLite store (`--data FILE`): the emulator's records survive a restart. The only file of
// the emulator that imports better-sqlite3.
import BetterSqlite3 from 'better-sqlite3';
import { SyncctlError } from '../../../errors/syncctl-error.js';
import { OBJECT_TYPES, type ObjectTypeName } from '../object-types.js';
import type { AssociationEdge, EmulatorStore, ListQuery, StoredObject } from './types.js';

const SCHEMA_VERSION = 1;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS emulator_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS objects (
  type TEXT NOT NULL,
  id INTEGER NOT NULL,
  properties TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived INTEGER NOT NULL,
  archived_at TEXT,
  email_key TEXT,
  PRIMARY KEY (type, id)
);
CREATE UNIQUE INDEX IF NOT EXISTS objects_email ON objects (email_key) WHERE email_key IS NOT NULL;
CREATE TABLE IF NOT EXISTS associations (
  from_type TEXT NOT NULL,
  from_id INTEGER NOT NULL,
  to_type TEXT NOT NULL,
  to_id INTEGER NOT NULL,
  type_id INTEGER NOT NULL,
  PRIMARY KEY (from_type, from_id, to_type, to_id, type_id)
);
`;

interface ObjectRow {
  type: string;
  id: number;
  properties: string;
  created_at: string;
  updated_at: string;
  archived: number;
  archived_at: string | null;
}

interface EdgeRow {
  from_type: string;
  from_id: number;
  to_type: string;
  to_id: number;
  type_id: number;
}

/** Opens (creating if needed) the emulator's SQLite data file. */
export function openSqliteStore(file: string): EmulatorStore {
  let db: BetterSqlite3.Database;
  try {
    db = new BetterSqlite3(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec(SCHEMA);
  } catch (cause) {
    throw new SyncctlError('emulator_data_unreadable', `Cannot open the emulator data file ${file}: ${(cause as Error).message}`, {
      hint: 'Pass --data a writable path to a new file or to a file an earlier emulator run created.',
      cause,
    });
  }
  const version = db.prepare<[], { value: string }>("SELECT value FROM emulator_meta WHERE key = 'schema_version'").get();
  if (version && Number(version.value) !== SCHEMA_VERSION) {
    db.close();
    throw new SyncctlError('emulator_data_version', `The emulator data file ${file} has schema version ${version.value}; this syncctl reads version ${SCHEMA_VERSION}.`, {
      hint: 'Use a new --data file, or the syncctl version that created this one.',
    });
  }
  db.prepare("INSERT OR IGNORE INTO emulator_meta (key, value) VALUES ('schema_version', ?)").run(String(SCHEMA_VERSION));
  db.prepare("INSERT OR IGNORE INTO emulator_meta (key, value) VALUES ('last_id', '0')").run();

  const q = {
    lastId: db.prepare<[], { value: string }>("SELECT value FROM emulator_meta WHERE key = 'last_id'"),
    setLastId: db.prepare<[string]>("UPDATE emulator_meta SET value = ? WHERE key = 'last_id'"),
    get: db.prepare<[string, number], ObjectRow>('SELECT * FROM objects WHERE type = ? AND id = ?'),
    put: db.prepare(
      `INSERT OR REPLACE INTO objects (type, id, properties, created_at, updated_at, archived, archived_at, email_key)
       VALUES (@type, @id, @properties, @created_at, @updated_at, @archived, @archived_at, @email_key)`,
    ),
    byEmail: db.prepare<[string], ObjectRow>('SELECT * FROM objects WHERE email_key = ?'),
    list: db.prepare<[string, number, number, number], ObjectRow>(
      'SELECT * FROM objects WHERE type = ? AND archived = ? AND id >= ? ORDER BY id LIMIT ?',
    ),
    scan: db.prepare<[string, number], ObjectRow>('SELECT * FROM objects WHERE type = ? AND archived = ? ORDER BY id'),
    count: db.prepare<[string, number], { n: number }>('SELECT COUNT(*) AS n FROM objects WHERE type = ? AND archived = ?'),
    addEdge: db.prepare('INSERT OR IGNORE INTO associations (from_type, from_id, to_type, to_id, type_id) VALUES (?, ?, ?, ?, ?)'),
    removeEdge: db.prepare('DELETE FROM associations WHERE from_type = ? AND from_id = ? AND to_type = ? AND to_id = ? AND type_id = ?'),
    edgesFrom: db.prepare<[string, number], EdgeRow>('SELECT * FROM associations WHERE from_type = ? AND from_id = ? ORDER BY to_id, type_id'),
  };

  return {
    kind: 'sqlite',
    nextId() {
      const next = Number(q.lastId.get()?.value ?? '0') + 1;
      q.setLastId.run(String(next));
      return String(next);
    },
    get(type, id) {
      const row = q.get.get(type, Number(id));
      return row ? fromRow(row) : undefined;
    },
    put(record) {
      const email = record.properties.email;
      q.put.run({
        type: record.type,
        id: Number(record.id),
        properties: JSON.stringify(record.properties),
        created_at: record.createdAt,
        updated_at: record.updatedAt,
        archived: record.archived ? 1 : 0,
        archived_at: record.archivedAt,
        email_key: record.type === 'contacts' && email && !record.archived ? email.toLowerCase() : null,
      });
      const last = Number(q.lastId.get()?.value ?? '0');
      if (Number(record.id) > last) q.setLastId.run(record.id);
    },
    findContactByEmail(email) {
      const row = q.byEmail.get(email.toLowerCase());
      return row ? fromRow(row) : undefined;
    },
    list(type, query: ListQuery) {
      return q.list.all(type, query.archived ? 1 : 0, Number(query.fromId ?? 0), query.limit).map(fromRow);
    },
    scan(type, archived) {
      return q.scan.all(type, archived ? 1 : 0).map(fromRow);
    },
    count(type, archived) {
      return q.count.get(type, archived ? 1 : 0)?.n ?? 0;
    },
    addAssociation(edge) {
      return q.addEdge.run(edge.fromType, Number(edge.fromId), edge.toType, Number(edge.toId), edge.typeId).changes > 0;
    },
    removeAssociation(edge) {
      return q.removeEdge.run(edge.fromType, Number(edge.fromId), edge.toType, Number(edge.toId), edge.typeId).changes > 0;
    },
    associationsFrom(fromType, fromId, toType) {
      const edges = q.edgesFrom.all(fromType, Number(fromId)).map(edgeFromRow);
      return toType === undefined ? edges : edges.filter((e) => e.toType === toType);
    },
    transaction(fn) {
      return db.transaction(fn)();
    },
    close() {
      if (db.open) db.close();
    },
  };
}

function objectType(raw: string): ObjectTypeName {
  const type = OBJECT_TYPES.find((t) => t === raw);
  if (!type) throw new SyncctlError('emulator_data_corrupt', `The emulator data file holds an unknown object type "${raw}".`);
  return type;
}

function fromRow(row: ObjectRow): StoredObject {
  return {
    type: objectType(row.type),
    id: String(row.id),
    properties: JSON.parse(row.properties) as Record<string, string>,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    archived: row.archived === 1,
    archivedAt: row.archived_at,
  };
}

function edgeFromRow(row: EdgeRow): AssociationEdge {
  return {
    fromType: objectType(row.from_type),
    fromId: String(row.from_id),
    toType: objectType(row.to_type),
    toId: String(row.to_id),
    typeId: row.type_id,
  };
}
