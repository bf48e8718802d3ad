// HubSpot-defined association types between contacts, companies and deals (category
// HUBSPOT_DEFINED). Types are directional: each has an inverse for the opposite direction.
// A "primary" type (contact→company 1, deal→company 5) always comes with its unlabeled twin,
// and a contact or deal has at most one primary company.
import type { ObjectTypeName } from '../object-types.js';

/** One HubSpot-defined association type. */
export interface AssociationTypeDef {
  typeId: number;
  from: ObjectTypeName;
  to: ObjectTypeName;
  /** The label the v4 API reports; null for unlabeled types. */
  label: string | null;
  /** The type id of the same association seen from the other side. */
  inverse: number;
  /** For a primary type: its unlabeled twin, which always exists alongside it. */
  unlabeledTwin?: number;
  /** The v3 name (`associations=` on the objects API). */
  v3Name: string;
}

export const HUBSPOT_DEFINED = 'HUBSPOT_DEFINED';

const DEFS: AssociationTypeDef[] = [
  { typeId: 279, from: 'contacts', to: 'companies', label: null, inverse: 280, v3Name: 'contact_to_company_unlabeled' },
  { typeId: 1, from: 'contacts', to: 'companies', label: 'Primary', inverse: 2, unlabeledTwin: 279, v3Name: 'contact_to_company' },
  { typeId: 280, from: 'companies', to: 'contacts', label: null, inverse: 279, v3Name: 'company_to_contact_unlabeled' },
  { typeId: 2, from: 'companies', to: 'contacts', label: 'Primary', inverse: 1, unlabeledTwin: 280, v3Name: 'company_to_contact' },
  { typeId: 341, from: 'deals', to: 'companies', label: null, inverse: 342, v3Name: 'deal_to_company_unlabeled' },
  { typeId: 5, from: 'deals', to: 'companies', label: 'Primary', inverse: 6, unlabeledTwin: 341, v3Name: 'deal_to_company' },
  { typeId: 342, from: 'companies', to: 'deals', label: null, inverse: 341, v3Name: 'company_to_deal_unlabeled' },
  { typeId: 6, from: 'companies', to: 'deals', label: 'Primary', inverse: 5, unlabeledTwin: 342, v3Name: 'company_to_deal' },
  { typeId: 3, from: 'deals', to: 'contacts', label: null, inverse: 4, v3Name: 'deal_to_contact' },
  { typeId: 4, from: 'contacts', to: 'deals', label: null, inverse: 3, v3Name: 'contact_to_deal' },
];

const BY_ID = new Map(DEFS.map((d) => [d.typeId, d]));

/** The HubSpot-defined association type with this id, if the emulator implements it. */
export function associationType(typeId: number): AssociationTypeDef | undefined {
  return BY_ID.get(typeId);
}

/** The unlabeled ("default") type from `from` to `to`, if the pair can be associated. */
export function defaultAssociationType(from: ObjectTypeName, to: ObjectTypeName): AssociationTypeDef | undefined {
  return DEFS.find((d) => d.from === from && d.to === to && d.label === null);
}

/** The type ids valid from `from` to `to`, for error messages. */
export function typeIdsBetween(from: ObjectTypeName, to: ObjectTypeName): number[] {
  return DEFS.filter((d) => d.from === from && d.to === to).map((d) => d.typeId);
}

/** True for a type that marks the primary company of a contact or deal (either direction). */
export function isPrimary(def: AssociationTypeDef): boolean {
  return def.unlabeledTwin !== undefined;
}
