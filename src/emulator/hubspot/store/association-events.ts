// The store as the CRM rules see it, telling each association edge that really appeared or went:
// the emulator turns those into `*.associationChange` webhook events. Every association is kept
// as two edges (one per direction), so one change is told once per end — as HubSpot sends one
// event per end (contact→company under contact.associationChange, company→contact under
// company.associationChange). The raw store underneath stays silent, for fixtures and asserts.
import type { AssociationEdge, EmulatorStore } from './types.js';

/** The store with addAssociation/removeAssociation reporting the edges they changed. */
export function withAssociationEvents(store: EmulatorStore, onEdge: (edge: AssociationEdge, removed: boolean) => void): EmulatorStore {
  return {
    get kind() {
      return store.kind;
    },
    nextId: () => store.nextId(),
    get: (type, id) => store.get(type, id),
    put: (record) => store.put(record),
    findContactByEmail: (email) => store.findContactByEmail(email),
    list: (type, query) => store.list(type, query),
    scan: (type, archived) => store.scan(type, archived),
    count: (type, archived) => store.count(type, archived),
    addAssociation(edge) {
      const added = store.addAssociation(edge);
      if (added) onEdge(edge, false);
      return added;
    },
    removeAssociation(edge) {
      const removed = store.removeAssociation(edge);
      if (removed) onEdge(edge, true);
      return removed;
    },
    associationsFrom: (fromType, fromId, toType) => store.associationsFrom(fromType, fromId, toType),
    transaction: (fn) => store.transaction(fn),
    close: () => store.close(),
  };
}
