// A record as the engine indexes it: canonical mapped values, normalised identifiers, the
// email rule and the filters evaluated once, when it is read.
import type { Properties, RemoteRecord } from '../connectors/types.js';
import { matchesFilters } from './filters.js';
import { identifierOf, isValidEmail } from './identifiers.js';
import type { ResolvedObject } from './mappings.js';
import type { Identifier, ScannedRecord, Side } from './record-index.js';
import { canonicalValues, valuesHash } from './values.js';

/** Identifiers and the email rule's verdict for a side's values (raw or canonical). */
export function identify(ro: ResolvedObject, side: Side, values: Properties): { identifiers: Identifier[]; emailOk: boolean } {
  let emailOk = true;
  if (ro.email) {
    const email = values[ro.email[side]];
    emailOk = typeof email === 'string' && isValidEmail(email);
  }
  // Under the email rule a contact without a valid email takes no part, not even by its other identifiers.
  if (!emailOk) return { identifiers: [], emailOk };
  const identifiers: Identifier[] = [];
  for (const k of ro.match) {
    const value = identifierOf(k.kind, values[k[side]]);
    if (value !== undefined) identifiers.push({ prop: k.prop, value });
  }
  return { identifiers, emailOk };
}

/** Indexes a record read from `side`. */
export function scanRecord(ro: ResolvedObject, side: Side, record: RemoteRecord): ScannedRecord {
  const values = canonicalValues(record.properties, ro.mapped[side]);
  const { identifiers, emailOk } = identify(ro, side, record.properties);
  return {
    id: record.id,
    identifiers,
    values,
    hash: valuesHash(values),
    filterOk: matchesFilters(record.properties, ro.definition.filters[side]),
    emailOk,
    changedAt: record.updatedAt || null,
  };
}

/** The same record with new values (after a merge or a create): identifiers and hash follow. */
export function withValues(ro: ResolvedObject, side: Side, record: ScannedRecord, values: Properties): ScannedRecord {
  const { identifiers, emailOk } = identify(ro, side, values);
  return { ...record, values, hash: valuesHash(values), identifiers, emailOk: record.emailOk || emailOk };
}
