// The in-memory store: records per type in a Map plus a sorted id array for paging.
import type { ObjectTypeName } from '../object-types.js';
import { type AssociationEdge, type EmulatorStore, type ListQuery, type StoredObject, edgeKey } from './types.js';

interface TypeTable {
  records: Map<number, StoredObject>;
  /** Ascending ids, for `list` from any id. */
  ids: number[];
}

/** Creates an empty in-memory store. */
export function createMemoryStore(): EmulatorStore {
  const tables = new Map<ObjectTypeName, TypeTable>();
  const emails = new Map<string, string>();
  const edges = new Map<string, Map<string, AssociationEdge>>();
  let lastId = 0;

  const table = (type: ObjectTypeName): TypeTable => {
    let t = tables.get(type);
    if (!t) {
      t = { records: new Map(), ids: [] };
      tables.set(type, t);
    }
    return t;
  };

  const unindexEmail = (record: StoredObject | undefined): void => {
    const email = record?.properties.email;
    if (record?.type === 'contacts' && email && emails.get(email.toLowerCase()) === record.id) emails.delete(email.toLowerCase());
  };

  return {
    kind: 'memory',
    nextId() {
      lastId += 1;
      return String(lastId);
    },
    get(type, id) {
      return table(type).records.get(Number(id));
    },
    put(record) {
      const t = table(record.type);
      const numeric = Number(record.id);
      const previous = t.records.get(numeric);
      unindexEmail(previous);
      if (!previous) insertSorted(t.ids, numeric);
      t.records.set(numeric, record);
      lastId = Math.max(lastId, numeric);
      const email = record.properties.email;
      if (record.type === 'contacts' && email && !record.archived) emails.set(email.toLowerCase(), record.id);
    },
    findContactByEmail(email) {
      const id = emails.get(email.toLowerCase());
      return id === undefined ? undefined : table('contacts').records.get(Number(id));
    },
    list(type, query: ListQuery) {
      const t = table(type);
      const out: StoredObject[] = [];
      for (let i = lowerBound(t.ids, Number(query.fromId ?? 0)); i < t.ids.length && out.length < query.limit; i += 1) {
        const record = t.records.get(t.ids[i] as number);
        if (record && record.archived === query.archived) out.push(record);
      }
      return out;
    },
    scan(type, archived) {
      const t = table(type);
      const out: StoredObject[] = [];
      for (const id of t.ids) {
        const record = t.records.get(id);
        if (record && record.archived === archived) out.push(record);
      }
      return out;
    },
    count(type, archived) {
      let n = 0;
      for (const record of table(type).records.values()) if (record.archived === archived) n += 1;
      return n;
    },
    addAssociation(edge) {
      const from = `${edge.fromType}:${edge.fromId}`;
      let set = edges.get(from);
      if (!set) {
        set = new Map();
        edges.set(from, set);
      }
      const key = edgeKey(edge);
      if (set.has(key)) return false;
      set.set(key, { ...edge });
      return true;
    },
    removeAssociation(edge) {
      return edges.get(`${edge.fromType}:${edge.fromId}`)?.delete(edgeKey(edge)) ?? false;
    },
    associationsFrom(fromType, fromId, toType) {
      const set = edges.get(`${fromType}:${fromId}`);
      if (!set) return [];
      const all = [...set.values()];
      return toType === undefined ? all : all.filter((e) => e.toType === toType);
    },
    transaction(fn) {
      // Single-threaded and synchronous: a callback that throws before writing writes nothing,
      // and the services validate everything before their first write.
      return fn();
    },
    close() {
      tables.clear();
      edges.clear();
      emails.clear();
    },
  };
}

function lowerBound(sorted: number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function insertSorted(sorted: number[], value: number): void {
  if (sorted.length === 0 || (sorted[sorted.length - 1] as number) < value) {
    sorted.push(value);
    return;
  }
  sorted.splice(lowerBound(sorted, value), 0, value);
}
