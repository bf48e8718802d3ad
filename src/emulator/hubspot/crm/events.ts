import type { ObjectTypeName } from '../object-types.js';

/** A change to a record, as webhook subscriptions see it. */
export interface ChangeEvent {
  kind: 'creation' | 'propertyChange' | 'deletion';
  objectType: ObjectTypeName;
  objectId: string;
  /** Epoch milliseconds of the change (the emulator's data clock). */
  occurredAt: number;
  propertyName?: string;
  propertyValue?: string;
}
