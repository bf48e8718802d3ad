import type { ObjectTypeName } from '../object-types.js';

/** A change to a record, as webhook subscriptions see it. */
export interface ChangeEvent {
  kind: 'creation' | 'propertyChange' | 'deletion' | 'associationChange';
  objectType: ObjectTypeName;
  /** The changed record; for an association change, its from record. */
  objectId: string;
  /** Epoch milliseconds of the change (the emulator's data clock). */
  occurredAt: number;
  propertyName?: string;
  propertyValue?: string;
  /** associationChange: the record at the other end, the type id of the edge, and whether it went. */
  association?: { toObjectType: ObjectTypeName; toObjectId: string; typeId: number; removed: boolean; primary: boolean };
}
