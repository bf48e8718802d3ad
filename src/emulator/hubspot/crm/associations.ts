// Creating, removing and reading associations with HubSpot's rules: both directions are kept,
// a primary type brings its unlabeled twin, and a contact or deal has one primary company.
import { validationError } from '../errors.js';
import type { ObjectTypeName } from '../object-types.js';
import type { AssociationEdge, EmulatorStore } from '../store/index.js';
import { type AssociationTypeDef, associationType, defaultAssociationType, isPrimary, typeIdsBetween } from './association-types.js';

/** The associations from one record to one other record, with their types. */
export interface AssociatedRecord {
  toId: string;
  types: AssociationTypeDef[];
}

/** Association operations over the store. Callers check that both records exist. */
export class AssociationService {
  constructor(private readonly store: EmulatorStore) {}

  /** The definition of `typeId` for the pair, or a 400 naming the valid ids. */
  resolveType(from: ObjectTypeName, to: ObjectTypeName, typeId: unknown): AssociationTypeDef {
    const def = typeof typeId === 'number' ? associationType(typeId) : undefined;
    if (!def || def.from !== from || def.to !== to) {
      throw validationError(
        `${String(typeId)} is not a valid HUBSPOT_DEFINED association type id from ${from} to ${to}; valid ids: ${typeIdsBetween(from, to).join(', ') || 'none'}.`,
      );
    }
    return def;
  }

  /** The unlabeled type for the pair, or a 400 when the pair cannot be associated. */
  resolveDefault(from: ObjectTypeName, to: ObjectTypeName): AssociationTypeDef {
    const def = defaultAssociationType(from, to);
    if (!def) throw validationError(`Records of ${from} cannot be associated with ${to} in this emulator.`);
    return def;
  }

  /** Associates two records with `def` (and everything it implies). */
  associate(def: AssociationTypeDef, fromId: string, toId: string): void {
    if (isPrimary(def)) {
      // The primary company belongs to the contact or deal side; setting a new one demotes the old.
      const owner = def.from === 'companies' ? { type: def.to, id: toId, company: fromId } : { type: def.from, id: fromId, company: toId };
      const ownerPrimary = def.from === 'companies' ? def.inverse : def.typeId;
      for (const edge of this.store.associationsFrom(owner.type, owner.id, 'companies')) {
        if (edge.typeId === ownerPrimary && edge.toId !== owner.company) this.removePair(edge, associationType(ownerPrimary));
      }
      this.addPair(def.from, fromId, def.to, toId, associationType(def.unlabeledTwin ?? def.typeId) ?? def);
    }
    this.addPair(def.from, fromId, def.to, toId, def);
  }

  /** Removes every association between two records, in both directions. */
  removeAll(from: ObjectTypeName, fromId: string, to: ObjectTypeName, toId: string): void {
    for (const edge of this.store.associationsFrom(from, fromId, to)) {
      if (edge.toId === toId) this.removePair(edge, associationType(edge.typeId));
    }
  }

  /** Removes one type; removing the unlabeled type removes the association entirely. */
  removeType(def: AssociationTypeDef, fromId: string, toId: string): void {
    if (def.label === null) {
      this.removeAll(def.from, fromId, def.to, toId);
      return;
    }
    this.removePair({ fromType: def.from, fromId, toType: def.to, toId, typeId: def.typeId }, def);
  }

  /** The records of `to` associated with one record, with every type, ascending by id. */
  read(from: ObjectTypeName, fromId: string, to: ObjectTypeName): AssociatedRecord[] {
    const byTarget = new Map<string, AssociationTypeDef[]>();
    for (const edge of this.store.associationsFrom(from, fromId, to)) {
      const target = this.store.get(to, edge.toId);
      const def = associationType(edge.typeId);
      if (!target || target.archived || !def) continue;
      const list = byTarget.get(edge.toId) ?? [];
      list.push(def);
      byTarget.set(edge.toId, list);
    }
    return [...byTarget.entries()]
      .sort(([a], [b]) => Number(a) - Number(b))
      .map(([toId, types]) => ({ toId, types: types.sort((a, b) => a.typeId - b.typeId) }));
  }

  private addPair(from: ObjectTypeName, fromId: string, to: ObjectTypeName, toId: string, def: AssociationTypeDef): void {
    this.store.addAssociation({ fromType: from, fromId, toType: to, toId, typeId: def.typeId });
    this.store.addAssociation({ fromType: to, fromId: toId, toType: from, toId: fromId, typeId: def.inverse });
  }

  private removePair(edge: AssociationEdge, def: AssociationTypeDef | undefined): void {
    this.store.removeAssociation(edge);
    if (def) {
      this.store.removeAssociation({ fromType: edge.toType, fromId: edge.toId, toType: edge.fromType, toId: edge.fromId, typeId: def.inverse });
    }
  }
}
